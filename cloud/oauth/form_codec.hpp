#pragma once
// application/x-www-form-urlencoded bodies (WHATWG URL "urlencoded" parsing), the encoding
// RFC 6749 §3.2 and RFC 8628 §3.1 prescribe for OAuth requests.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ringside::cloud {

class FormFields {
public:
    std::vector<std::pair<std::string, std::string>> pairs;  // in request order, decoded

    // RFC 6749 §3.2: a parameter sent without a value is treated as omitted, so an empty
    // value reads as absent. Returns the first occurrence.
    std::optional<std::string> get(std::string_view name) const;

    // How many times `name` appears. OAuth parameters must not repeat (RFC 6749 §3.1).
    int count(std::string_view name) const;
};

// nullopt when a '%' is not followed by two hex digits: such a body was not produced by a
// conforming encoder, and guessing at it would hide a client bug.
std::optional<FormFields> parse_form(std::string_view body);

// Percent-encodes everything but unreserved characters (RFC 3986 §2.3); space becomes "+".
std::string form_encode(std::string_view text);
std::string form_encode(const std::vector<std::pair<std::string, std::string>>& pairs);

} // namespace ringside::cloud
