#include "importer/har/text_position.hpp"

#include <algorithm>

namespace ringside::importer {

TextPosition position_of(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    TextPosition at;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++at.line;
            at.column = 1;
        } else {
            ++at.column;
        }
    }
    return at;
}

} // namespace ringside::importer
