#pragma once
// Splits an absolute http(s) URL the way the in-process transport needs it: which origin it
// is addressed to (to decide whether the mock cloud answers at all) and the path and query
// the cloud routes on. Deliberately small: no userinfo, no fragments kept, no percent-decoding
// (the cloud decodes form and query values itself).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ringside::sim {

struct Url {
    std::string scheme;  // lower-case, "http" or "https"
    std::string host;    // lower-case
    std::uint16_t port = 0;  // explicit, or the scheme's default (80, 443)
    std::string path;    // starts with '/', "/" when the URL has none
    std::string query;   // without '?', empty when absent

    // scheme://host:port, with the port always written: two URLs share an origin iff equal.
    std::string origin() const;
};

// Returns nullopt for anything that is not an absolute http or https URL with a host and a
// valid port.
std::optional<Url> parse_url(std::string_view text);

} // namespace ringside::sim
