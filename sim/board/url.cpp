#include "sim/board/url.hpp"

#include <cctype>

namespace ringside::sim {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool parse_port(std::string_view digits, std::uint16_t& out) {
    if (digits.empty() || digits.size() > 5) return false;
    std::uint32_t value = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') return false;
        value = value * 10 + static_cast<std::uint32_t>(c - '0');
    }
    if (value == 0 || value > 65535) return false;
    out = static_cast<std::uint16_t>(value);
    return true;
}

} // namespace

std::string Url::origin() const { return scheme + "://" + host + ":" + std::to_string(port); }

std::optional<Url> parse_url(std::string_view text) {
    const std::size_t scheme_end = text.find("://");
    if (scheme_end == std::string_view::npos) return std::nullopt;
    Url url;
    url.scheme = lower(text.substr(0, scheme_end));
    if (url.scheme == "http") {
        url.port = 80;
    } else if (url.scheme == "https") {
        url.port = 443;
    } else {
        return std::nullopt;
    }
    std::string_view rest = text.substr(scheme_end + 3);
    if (const std::size_t hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);

    const std::size_t authority_end = rest.find_first_of("/?");
    const std::string_view authority = rest.substr(0, authority_end);
    if (authority.find('@') != std::string_view::npos) return std::nullopt;  // no userinfo
    // The port is what follows the last ':' (IPv6 literals are out of scope).
    const std::size_t colon = authority.rfind(':');
    const std::string_view host = authority.substr(0, colon);
    if (host.empty()) return std::nullopt;
    if (colon != std::string_view::npos && !parse_port(authority.substr(colon + 1), url.port)) return std::nullopt;
    url.host = lower(host);

    if (authority_end == std::string_view::npos) {
        url.path = "/";
        return url;
    }
    std::string_view tail = rest.substr(authority_end);
    const std::size_t question = tail.find('?');
    if (question != std::string_view::npos) {
        url.query.assign(tail.substr(question + 1));
        tail = tail.substr(0, question);
    }
    url.path = tail.empty() ? "/" : std::string(tail);
    return url;
}

} // namespace ringside::sim
