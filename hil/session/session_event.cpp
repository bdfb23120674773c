#include "hil/session/session_event.hpp"

#include <cstring>

namespace ringside::hil {

std::string SessionEvent::describe() const {
    std::string out = kind;
    for (const auto& [k, v] : fields) {
        std::string shown = v.size() > 60 ? v.substr(0, 57) + "..." : v;
        out += " " + k + "=" + (shown.empty() ? "\"\"" : shown);
    }
    return out;
}

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// Printable ASCII, tab and newline: what survives a JSON line and a reader unchanged.
bool plain_text(const std::string& s) {
    for (unsigned char c : s)
        if ((c < 0x20 && c != '\n' && c != '\t') || c >= 0x7F) return false;
    return true;
}

std::string base64(const std::string& bytes) {
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                           static_cast<unsigned char>(bytes[i + 2]);
        for (int s = 18; s >= 0; s -= 6) out.push_back(kAlphabet[(v >> s) & 63]);
    }
    if (i < bytes.size()) {
        unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
        if (i + 1 < bytes.size()) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        out.push_back(kAlphabet[(v >> 18) & 63]);
        out.push_back(kAlphabet[(v >> 12) & 63]);
        out.push_back(i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=');
        out.push_back('=');
    }
    return out;
}

std::string unbase64(const std::string& text) {
    std::string out;
    unsigned v = 0;
    int bits = 0;
    for (char c : text) {
        const char* at = std::strchr(kAlphabet, c);
        if (c == '=' || !at || !c) break;
        v = (v << 6) | static_cast<unsigned>(at - kAlphabet);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((v >> bits) & 0xFF));
        }
    }
    return out;
}

} // namespace

std::pair<std::string, std::string> body_field(const std::string& body) {
    return plain_text(body) ? std::make_pair(std::string("body"), body) : std::make_pair(std::string("body_b64"), base64(body));
}

std::string body_of(const SessionEvent& event) {
    for (const auto& [k, v] : event.fields) {
        if (k == "body") return v;
        if (k == "body_b64") return unbase64(v);
    }
    return {};
}

} // namespace ringside::hil
