#include "cloud/oauth/client_authentication.hpp"

#include <algorithm>

#include "cloud/oauth/form_codec.hpp"

namespace ringside::cloud {
namespace {

int base64_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

// RFC 4648 §4 with padding; nullopt for anything else.
std::optional<std::string> base64_decode(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    std::string out;
    for (std::size_t i = 0; i < text.size(); i += 4) {
        int v[4];
        int pad = 0;
        for (int k = 0; k < 4; ++k) {
            const char c = text[i + k];
            if (c == '=' && i + 4 == text.size() && k >= 2) {
                v[k] = 0;
                ++pad;
                continue;
            }
            if (pad > 0) return std::nullopt;  // data after padding
            v[k] = base64_value(c);
            if (v[k] < 0) return std::nullopt;
        }
        const unsigned word = (unsigned(v[0]) << 18) | (unsigned(v[1]) << 12) | (unsigned(v[2]) << 6) | unsigned(v[3]);
        out.push_back(static_cast<char>(word >> 16));
        if (pad < 2) out.push_back(static_cast<char>((word >> 8) & 0xff));
        if (pad < 1) out.push_back(static_cast<char>(word & 0xff));
    }
    return out;
}

// A form-encoded part of the credentials (RFC 6749 §2.3.1), decoded as a form value.
std::optional<std::string> form_decoded(std::string_view part) {
    if (part.empty()) return std::string();
    const auto form = parse_form("v=" + std::string(part));
    if (!form || form->pairs.size() != 1) return std::nullopt;
    return form->pairs.front().second;
}

std::vector<std::string_view> words(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t end = std::min(text.find(' ', at), text.size());
        if (end > at) out.push_back(text.substr(at, end - at));
        at = end + 1;
    }
    return out;
}

} // namespace

bool uses_basic(std::string_view authorization) {
    if (authorization.size() < 6) return false;
    const std::string_view scheme = authorization.substr(0, 6);
    constexpr std::string_view basic = "basic ";
    for (std::size_t i = 0; i < basic.size(); ++i) {
        char c = scheme[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != basic[i]) return false;
    }
    return true;
}

std::optional<BasicCredentials> parse_basic(std::string_view authorization) {
    if (!uses_basic(authorization)) return std::nullopt;
    std::string_view token = authorization.substr(6);
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
    const auto decoded = base64_decode(token);
    if (!decoded) return std::nullopt;
    const std::size_t colon = decoded->find(':');
    if (colon == std::string::npos) return std::nullopt;
    const auto id = form_decoded(std::string_view(*decoded).substr(0, colon));
    const auto secret = form_decoded(std::string_view(*decoded).substr(colon + 1));
    if (!id || !secret || id->empty()) return std::nullopt;
    return BasicCredentials{*id, *secret};
}

std::string scopes_not_allowed(std::string_view requested, const std::vector<std::string>& allowed) {
    std::string refused;
    for (const std::string_view scope : words(requested)) {
        bool ok = false;
        for (const std::string& a : allowed) ok = ok || a == scope;
        if (!ok) {
            if (!refused.empty()) refused += ' ';
            refused.append(scope);
        }
    }
    return refused;
}

} // namespace ringside::cloud
