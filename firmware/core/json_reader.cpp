#include "firmware/core/json_reader.hpp"

#include <charconv>
#include <cstring>

namespace ringside::fw {
namespace {

constexpr std::size_t kNpos = std::string_view::npos;
// Deep nesting is not what OAuth servers send; the cap bounds the scan's work.
constexpr int kMaxDepth = 16;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::size_t skip_space(std::string_view s, std::size_t pos) {
    while (pos < s.size() && is_space(s[pos])) ++pos;
    return pos;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool read_hex4(std::string_view s, std::size_t pos, std::uint32_t& out) {
    if (pos + 4 > s.size()) return false;
    out = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        const int v = hex_value(s[pos + i]);
        if (v < 0) return false;
        out = (out << 4) | static_cast<std::uint32_t>(v);
    }
    return true;
}

// s[pos] == '"'. Returns the index just past the closing quote, or npos.
std::size_t scan_string(std::string_view s, std::size_t pos) {
    ++pos;
    while (pos < s.size()) {
        const char c = s[pos];
        if (c == '"') return pos + 1;
        if (c == '\\') {
            if (pos + 1 >= s.size()) return kNpos;
            if (s[pos + 1] == 'u') {
                std::uint32_t ignored = 0;
                if (!read_hex4(s, pos + 2, ignored)) return kNpos;
                pos += 6;
            } else {
                pos += 2;
            }
            continue;
        }
        ++pos;
    }
    return kNpos;
}

bool is_literal_char(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' || c == '+' || c == '.' ||
           c == 'E';
}

std::size_t scan_value(std::string_view s, std::size_t pos, int depth);

// s[pos] is '{' or '['. Returns the index just past the matching close, or npos.
std::size_t scan_container(std::string_view s, std::size_t pos, int depth) {
    if (depth > kMaxDepth) return kNpos;
    const bool is_object = s[pos] == '{';
    const char close = is_object ? '}' : ']';
    pos = skip_space(s, pos + 1);
    if (pos < s.size() && s[pos] == close) return pos + 1;
    while (pos < s.size()) {
        if (is_object) {
            if (s[pos] != '"') return kNpos;
            pos = scan_string(s, pos);
            if (pos == kNpos) return kNpos;
            pos = skip_space(s, pos);
            if (pos >= s.size() || s[pos] != ':') return kNpos;
            pos = skip_space(s, pos + 1);
        }
        pos = scan_value(s, pos, depth + 1);
        if (pos == kNpos) return kNpos;
        pos = skip_space(s, pos);
        if (pos >= s.size()) return kNpos;
        if (s[pos] == close) return pos + 1;
        if (s[pos] != ',') return kNpos;
        pos = skip_space(s, pos + 1);
    }
    return kNpos;
}

std::size_t scan_value(std::string_view s, std::size_t pos, int depth) {
    if (pos >= s.size()) return kNpos;
    const char c = s[pos];
    if (c == '"') return scan_string(s, pos);
    if (c == '{' || c == '[') return scan_container(s, pos, depth);
    const std::size_t start = pos;
    while (pos < s.size() && is_literal_char(s[pos])) ++pos;
    if (pos == start) return kNpos;
    const std::string_view token = s.substr(start, pos - start);
    if (token == "true" || token == "false" || token == "null") return pos;
    // A number: leading '-' or digit; the exact grammar matters only to get_int.
    if (token[0] == '-' || (token[0] >= '0' && token[0] <= '9')) return pos;
    return kNpos;
}

void put_utf8(std::uint32_t cp, char* out, std::size_t capacity, std::size_t& n, bool& ok) {
    char bytes[4];
    std::size_t count = 0;
    if (cp < 0x80) {
        bytes[count++] = static_cast<char>(cp);
    } else if (cp < 0x800) {
        bytes[count++] = static_cast<char>(0xC0 | (cp >> 6));
        bytes[count++] = static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        bytes[count++] = static_cast<char>(0xE0 | (cp >> 12));
        bytes[count++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        bytes[count++] = static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        bytes[count++] = static_cast<char>(0xF0 | (cp >> 18));
        bytes[count++] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        bytes[count++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        bytes[count++] = static_cast<char>(0x80 | (cp & 0x3F));
    }
    if (count > capacity - n) {
        ok = false;
        return;
    }
    if (out != nullptr) std::memcpy(out + n, bytes, count);
    n += count;
}

// Decodes the quoted JSON string `raw` (quotes included) into out. Bounds-checked. With out
// null it only counts (capacity still bounds the count).
bool decode_string(std::string_view raw, char* out, std::size_t capacity, std::size_t& length) {
    length = 0;
    if (raw.size() < 2 || raw.front() != '"' || raw.back() != '"') return false;
    const std::string_view s = raw.substr(1, raw.size() - 2);
    std::size_t n = 0;
    bool ok = true;
    for (std::size_t i = 0; i < s.size() && ok;) {
        const char c = s[i];
        if (c != '\\') {
            if (n == capacity) return false;
            if (out != nullptr) out[n] = c;
            ++n;
            ++i;
            continue;
        }
        if (i + 1 >= s.size()) return false;
        const char e = s[i + 1];
        char simple = 0;
        switch (e) {
            case '"': simple = '"'; break;
            case '\\': simple = '\\'; break;
            case '/': simple = '/'; break;
            case 'b': simple = '\b'; break;
            case 'f': simple = '\f'; break;
            case 'n': simple = '\n'; break;
            case 'r': simple = '\r'; break;
            case 't': simple = '\t'; break;
            case 'u': break;
            default: return false;
        }
        if (e != 'u') {
            if (n == capacity) return false;
            if (out != nullptr) out[n] = simple;
            ++n;
            i += 2;
            continue;
        }
        std::uint32_t cp = 0;
        if (!read_hex4(s, i + 2, cp)) return false;
        i += 6;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            // A high surrogate needs its low half: \uD83D\uDE00 is one code point.
            std::uint32_t low = 0;
            if (i + 1 >= s.size() || s[i] != '\\' || s[i + 1] != 'u' || !read_hex4(s, i + 2, low) ||
                low < 0xDC00 || low > 0xDFFF)
                return false;
            i += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return false;
        }
        put_utf8(cp, out, capacity, n, ok);
    }
    if (!ok) return false;
    length = n;
    return true;
}

// Compares a raw (quoted, possibly escaped) key with `key` without copying it anywhere.
bool key_equals(std::string_view raw_key, std::string_view key) {
    const std::string_view inner = raw_key.substr(1, raw_key.size() - 2);
    if (inner.find('\\') == kNpos) return inner == key;
    char decoded[64];
    std::size_t length = 0;
    if (!decode_string(raw_key, decoded, sizeof decoded, length)) return false;
    return std::string_view(decoded, length) == key;
}

// Finds the raw value of top-level member `key`. `text` must already be known valid.
std::optional<std::string_view> find_member(std::string_view text, std::string_view key) {
    std::size_t pos = skip_space(text, 0) + 1;  // past '{'
    pos = skip_space(text, pos);
    while (pos < text.size() && text[pos] == '"') {
        const std::size_t key_end = scan_string(text, pos);
        const std::string_view raw_key = text.substr(pos, key_end - pos);
        pos = skip_space(text, key_end) + 1;  // past ':'
        pos = skip_space(text, pos);
        const std::size_t value_end = scan_value(text, pos, 1);
        if (key_equals(raw_key, key)) return text.substr(pos, value_end - pos);
        pos = skip_space(text, value_end);
        if (pos < text.size() && text[pos] == ',') pos = skip_space(text, pos + 1);
    }
    return std::nullopt;
}

std::optional<std::int64_t> parse_integer(std::string_view token) {
    if (token.empty()) return std::nullopt;
    std::int64_t value = 0;
    const char* first = token.data();
    const char* last = token.data() + token.size();
    const auto result = std::from_chars(first, last, value);
    if (result.ec != std::errc() || result.ptr != last) return std::nullopt;
    return value;
}

} // namespace

JsonReader::JsonReader(std::string_view text) : text_(text) {
    const std::size_t start = skip_space(text, 0);
    if (start >= text.size() || text[start] != '{') return;
    const std::size_t end = scan_container(text, start, 1);
    valid_ = end != kNpos && skip_space(text, end) == text.size();
}

std::optional<std::string_view> JsonReader::raw(std::string_view key) const {
    if (!valid_) return std::nullopt;
    return find_member(text_, key);
}

bool JsonReader::has(std::string_view key) const { return raw(key).has_value(); }

std::optional<std::size_t> JsonReader::string_length(std::string_view key) const {
    const auto value = raw(key);
    if (!value || value->front() != '"') return std::nullopt;
    std::size_t length = 0;
    // A decoded string is never longer than its raw text.
    if (!decode_string(*value, nullptr, value->size(), length)) return std::nullopt;
    return length;
}

JsonType JsonReader::type(std::string_view key) const {
    const auto value = raw(key);
    if (!value || value->empty()) return JsonType::Absent;
    switch (value->front()) {
        case '"': return JsonType::String;
        case '{': return JsonType::Object;
        case '[': return JsonType::Array;
        case 't':
        case 'f': return JsonType::Boolean;
        case 'n': return JsonType::Null;
        default: return JsonType::Number;  // the scan admits nothing else
    }
}

bool JsonReader::get_string(std::string_view key, char* out, std::size_t capacity, std::size_t& length) const {
    length = 0;
    const auto value = raw(key);
    if (!value || value->front() != '"') return false;
    return decode_string(*value, out, capacity, length);
}

std::optional<std::int64_t> JsonReader::get_int(std::string_view key) const {
    const auto value = raw(key);
    if (!value) return std::nullopt;
    if (value->front() == '"') return std::nullopt;
    return parse_integer(*value);
}

} // namespace ringside::fw
