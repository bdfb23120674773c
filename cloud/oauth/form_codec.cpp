#include "cloud/oauth/form_codec.hpp"

namespace ringside::cloud {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::optional<std::string> decode_component(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            out.push_back(' ');
        } else if (c == '%') {
            if (i + 2 >= text.size()) return std::nullopt;
            const int hi = hex_value(text[i + 1]);
            const int lo = hex_value(text[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

bool is_unreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '.' || c == '_' || c == '~';
}

} // namespace

std::optional<std::string> FormFields::get(std::string_view name) const {
    for (const auto& [key, value] : pairs) {
        if (key == name) {
            if (value.empty()) return std::nullopt;
            return value;
        }
    }
    return std::nullopt;
}

int FormFields::count(std::string_view name) const {
    int n = 0;
    for (const auto& pair : pairs) n += pair.first == name ? 1 : 0;
    return n;
}

std::optional<FormFields> parse_form(std::string_view body) {
    FormFields fields;
    std::size_t start = 0;
    while (start <= body.size()) {
        std::size_t end = body.find('&', start);
        if (end == std::string_view::npos) end = body.size();
        const std::string_view piece = body.substr(start, end - start);
        if (!piece.empty()) {  // "a=1&&b=2" and a trailing '&' carry no parameter
            const std::size_t eq = piece.find('=');
            auto key = decode_component(piece.substr(0, eq));
            auto value = eq == std::string_view::npos ? std::optional<std::string>{""}
                                                       : decode_component(piece.substr(eq + 1));
            if (!key || !value) return std::nullopt;
            fields.pairs.emplace_back(std::move(*key), std::move(*value));
        }
        start = end + 1;
    }
    return fields;
}

std::string form_encode(std::string_view text) {
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (is_unreserved(c)) {
            out.push_back(ch);
        } else if (c == ' ') {
            out.push_back('+');
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 0x0f]);
        }
    }
    return out;
}

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& pairs) {
    std::string out;
    for (const auto& [key, value] : pairs) {
        if (!out.empty()) out.push_back('&');
        out += form_encode(key);
        out.push_back('=');
        out += form_encode(value);
    }
    return out;
}

} // namespace ringside::cloud
