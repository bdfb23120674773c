#pragma once
// Where a byte offset falls in a text, as an editor shows it: line and column, both from 1,
// columns counted in bytes. nlohmann-json reports parse errors as byte positions; people and
// editors go to line:column. Who may call: anyone; a pure function.
#include <cstddef>
#include <string_view>

namespace ringside::importer {

struct TextPosition {
    std::size_t line = 1;
    std::size_t column = 1;
};

// `offset` counts from 0; past the end it names the place just after the last byte.
TextPosition position_of(std::string_view text, std::size_t offset);

} // namespace ringside::importer
