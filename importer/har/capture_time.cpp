#include "importer/har/capture_time.hpp"

#include <cctype>

#include "cloud/service/http_date.hpp"

namespace ringside::importer {
namespace {

// Reads exactly `width` digits at `at`.
bool digits(std::string_view text, std::size_t& at, int width, int& out) {
    if (at + width > text.size()) return false;
    out = 0;
    for (int i = 0; i < width; ++i) {
        const char c = text[at + i];
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
        out = out * 10 + (c - '0');
    }
    at += width;
    return true;
}

bool expect(std::string_view text, std::size_t& at, char c) {
    if (at >= text.size() || text[at] != c) return false;
    ++at;
    return true;
}

} // namespace

std::optional<std::int64_t> parse_iso8601_ms(std::string_view text) {
    std::size_t at = 0;
    int year, month, day, hour, minute, second;
    if (!digits(text, at, 4, year) || !expect(text, at, '-') || !digits(text, at, 2, month) ||
        !expect(text, at, '-') || !digits(text, at, 2, day) || !expect(text, at, 'T') ||
        !digits(text, at, 2, hour) || !expect(text, at, ':') || !digits(text, at, 2, minute) ||
        !expect(text, at, ':') || !digits(text, at, 2, second))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
    std::int64_t millis = 0;
    if (at < text.size() && text[at] == '.') {
        ++at;
        int scale = 100, taken = 0;
        while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) {
            millis += (text[at] - '0') * scale;  // digits past the third do not count
            scale /= 10;
            ++at;
            ++taken;
        }
        if (taken == 0) return std::nullopt;
    }
    std::int64_t offset_minutes = 0;
    if (at < text.size() && (text[at] == 'Z' || text[at] == 'z')) {
        ++at;
    } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
        const int sign = text[at] == '-' ? -1 : 1;
        ++at;
        int oh, om;
        if (!digits(text, at, 2, oh)) return std::nullopt;
        if (at < text.size() && text[at] == ':') ++at;
        if (!digits(text, at, 2, om)) return std::nullopt;
        offset_minutes = sign * (oh * 60 + om);
    } else {
        return std::nullopt;
    }
    if (at != text.size()) return std::nullopt;
    const std::int64_t seconds = cloud::days_from_civil(year, month, day) * 86400 +
                                 hour * 3600 + minute * 60 + second - offset_minutes * 60;
    return seconds * 1000 + millis;
}

} // namespace ringside::importer
