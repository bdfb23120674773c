#include "runner/properties/property.hpp"

#include "sim/text/enum_names.hpp"

namespace ringside::runner {

const std::vector<std::string>& property_names() {
    static const std::vector<std::string> names{"linked_needs_grant", "poll_interval", "request_rate", "retry_after",
                                                "liveness",           "token_store",   "no_secret",    "progress",
                                                "no_crash"};
    return names;
}

std::optional<Property> parse_property(std::string_view name) {
    return text::parse_enum_name<Property>(property_names(), name);
}

const std::string& to_string(Property property) { return property_names()[static_cast<std::size_t>(property)]; }

std::vector<Property> all_properties() { return text::every_enum_value<Property>(property_names()); }

} // namespace ringside::runner
