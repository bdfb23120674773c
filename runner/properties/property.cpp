#include "runner/properties/property.hpp"

namespace ringside::runner {

const std::vector<std::string>& property_names() {
    static const std::vector<std::string> names{"linked_needs_grant", "poll_interval", "request_rate", "retry_after",
                                                "liveness",           "token_store",   "no_secret",    "progress",
                                                "no_crash"};
    return names;
}

std::optional<Property> parse_property(std::string_view name) {
    const auto& names = property_names();
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) return static_cast<Property>(i);
    return std::nullopt;
}

const std::string& to_string(Property property) { return property_names()[static_cast<std::size_t>(property)]; }

std::vector<Property> all_properties() {
    std::vector<Property> all;
    for (std::size_t i = 0; i < property_names().size(); ++i) all.push_back(static_cast<Property>(i));
    return all;
}

} // namespace ringside::runner
