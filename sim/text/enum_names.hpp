#pragma once
// Enums named by a table: the enum's values are 0, 1, ... in the table's order, so a name's
// place in the table is its value. For the host's command-line and scenario names (planted
// defects, properties, fault kinds); not for the firmware, which has its own.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ringside::text {

template <typename Enum>
std::optional<Enum> parse_enum_name(const std::vector<std::string>& names, std::string_view name) {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return static_cast<Enum>(i);
    return std::nullopt;
}

template <typename Enum>
std::vector<Enum> every_enum_value(const std::vector<std::string>& names) {
    std::vector<Enum> all;
    for (std::size_t i = 0; i < names.size(); ++i) all.push_back(static_cast<Enum>(i));
    return all;
}

} // namespace ringside::text
