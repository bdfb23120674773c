// The cloud's readers of what a client sends before any endpoint logic: form bodies
// (cloud/oauth/form_codec) and the Authorization header (cloud/oauth/client_authentication).
// They document no exceptions, so none may escape; and what they accept must agree with
// what the cloud's own encoder writes, or a conforming client could be misread:
// - parse_form fails only on a bad '%' escape, and what it decodes encodes back to a body
//   that decodes to the same pairs;
// - any text, form-encoded as a value, decodes back to itself;
// - Basic credentials built from any id and secret the way RFC 6749 §2.3.1 says read back
//   as that id and secret, and whatever parse_basic accepts names a non-empty client;
// - scopes_not_allowed names only requested scopes that are not allowed.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "cloud/oauth/client_authentication.hpp"
#include "cloud/oauth/form_codec.hpp"

using namespace ringside::cloud;

namespace {

void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "cloud_form: %s\n", what);
    std::abort();
}

std::string base64(std::string_view bytes) {
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        unsigned word = static_cast<unsigned char>(bytes[i]) << 16;
        if (i + 1 < bytes.size()) word |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        if (i + 2 < bytes.size()) word |= static_cast<unsigned char>(bytes[i + 2]);
        out.push_back(alphabet[(word >> 18) & 63]);
        out.push_back(alphabet[(word >> 12) & 63]);
        out.push_back(i + 1 < bytes.size() ? alphabet[(word >> 6) & 63] : '=');
        out.push_back(i + 2 < bytes.size() ? alphabet[word & 63] : '=');
    }
    return out;
}

void check_form(std::string_view body) {
    const auto fields = parse_form(body);
    if (!fields) {
        require(body.find('%') != std::string_view::npos, "parse_form refused a body without '%'");
        return;
    }
    std::size_t decoded = 0;
    for (const auto& [key, value] : fields->pairs) {
        decoded += key.size() + value.size();
        require(fields->count(key) >= 1, "count() misses a decoded key");
        const auto got = fields->get(key);
        require(!got || !got->empty(), "get() answered an empty value");
    }
    require(decoded <= body.size(), "decoding made the body longer");
    if (!fields->pairs.empty()) {
        // get() answers the first occurrence, empty reading as absent (RFC 6749 §3.2).
        const auto& [key, value] = fields->pairs.front();
        const auto got = fields->get(key);
        require(value.empty() ? !got : (got && *got == value), "get() disagrees with the first pair");
    }
    const auto again = parse_form(form_encode(fields->pairs));
    require(again && again->pairs == fields->pairs, "decode, encode, decode changed the pairs");
}

void check_encode(std::string_view text) {
    const std::string encoded = form_encode(text);
    for (const char c : encoded) {
        const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                           c == '-' || c == '.' || c == '_' || c == '~' || c == '%' || c == '+';
        require(plain, "form_encode wrote a reserved character");
    }
    const auto back = parse_form("v=" + encoded);
    require(back && back->pairs.size() == 1 && back->pairs.front().second == text, "a value did not round-trip");
}

void check_basic(std::string_view text) {
    // Any header: no crash, and an accepted one names a client.
    const auto any = parse_basic(text);
    if (any) require(uses_basic(text) && !any->client_id.empty(), "parse_basic accepted a non-Basic header");
    const auto token = parse_basic("Basic " + std::string(text));
    if (token) require(!token->client_id.empty(), "parse_basic accepted an empty client_id");

    // Credentials made as a conforming client makes them read back unchanged.
    const std::size_t cut = text.find('\0');
    const std::string_view id = text.substr(0, cut);
    const std::string_view secret = cut == std::string_view::npos ? std::string_view{} : text.substr(cut + 1);
    for (const char* scheme : {"Basic ", "bAsIc "}) {
        const auto read = parse_basic(scheme + base64(form_encode(id) + ":" + form_encode(secret)));
        if (id.empty()) {
            require(!read, "Basic credentials without a client_id were accepted");
        } else {
            require(read && read->client_id == id && read->secret == secret, "Basic credentials did not round-trip");
        }
    }
}

void check_scopes(std::string_view requested) {
    const std::vector<std::string> allowed{"alexa:all", "profile", "offline_access"};
    const std::string refused = scopes_not_allowed(requested, allowed);
    std::size_t at = 0;
    while (at < refused.size()) {
        std::size_t end = refused.find(' ', at);
        if (end == std::string::npos) end = refused.size();
        const std::string scope = refused.substr(at, end - at);
        require(!scope.empty(), "an empty refused scope");
        for (const auto& a : allowed) require(scope != a, "an allowed scope was refused");
        const std::string padded = " " + std::string(requested) + " ";
        require(padded.find(" " + scope + " ") != std::string::npos, "a refused scope was never requested");
        at = end + 1;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    check_form(text);
    check_encode(text);
    check_basic(text);
    check_scopes(text);
    return 0;
}
