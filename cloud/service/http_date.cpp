#include "cloud/service/http_date.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>

namespace ringside::cloud {
namespace {

constexpr std::array<const char*, 7> kWeekdays{"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // 1970-01-01 was a Thursday
constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::int64_t kDay = 86'400;
// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
constexpr std::int64_t kEarliest = -62'135'596'800;
constexpr std::int64_t kLatest = 253'402'300'799;

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Howard Hinnant's civil_from_days: exact for every year, before 1970 too.
void civil_from_days(std::int64_t z, std::int64_t& y, int& m, int& d) {
    z += 719'468;
    const std::int64_t era = floor_div(z, 146'097);
    const std::int64_t doe = z - era * 146'097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36'524 - doe / 146'096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = yoe + era * 400 + (m <= 2);
}

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
    out = 0;
    for (std::size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

} // namespace

// Howard Hinnant's days_from_civil.
std::int64_t days_from_civil(std::int64_t y, int m, int d) {
    y -= m <= 2;
    const std::int64_t era = floor_div(y, 400);
    const std::int64_t yoe = y - era * 400;
    const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146'097 + doe - 719'468;
}

std::string format_http_date(std::int64_t unix_seconds) {
    // Every answer carries a Date, and a busy server answers many in one second: the last
    // one formatted on this thread is kept.
    thread_local std::int64_t cached_second = kLatest + 1;
    thread_local std::string cached;
    if (unix_seconds == cached_second) return cached;
    const std::int64_t t = std::clamp(unix_seconds, kEarliest, kLatest);
    const std::int64_t days = floor_div(t, kDay);
    const std::int64_t second_of_day = t - days * kDay;
    std::int64_t year = 0;
    int month = 0, day = 0;
    civil_from_days(days, year, month, day);
    const auto weekday = static_cast<std::size_t>(((days % 7) + 7) % 7);
    char text[64];  // 29 in practice; room for what the compiler cannot rule out
    std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", kWeekdays[weekday], day,
                  kMonths[static_cast<std::size_t>(month - 1)], static_cast<int>(year),
                  static_cast<int>(second_of_day / 3600), static_cast<int>(second_of_day / 60 % 60),
                  static_cast<int>(second_of_day % 60));
    cached_second = unix_seconds;
    cached = text;
    return cached;
}

std::optional<std::int64_t> parse_http_date(std::string_view s) {
    // "Sun, 06 Nov 1994 08:49:37 GMT": fixed width, 29 characters.
    if (s.size() != 29 || s.substr(3, 2) != ", " || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' || s[19] != ':' ||
        s[22] != ':' || s.substr(25) != " GMT")
        return std::nullopt;
    const auto weekday = std::find(kWeekdays.begin(), kWeekdays.end(), s.substr(0, 3));
    const auto month = std::find(kMonths.begin(), kMonths.end(), s.substr(8, 3));
    int day = 0, year = 0, hour = 0, minute = 0, second = 0;
    if (weekday == kWeekdays.end() || month == kMonths.end() || !digits(s, 5, 2, day) || !digits(s, 12, 4, year) ||
        !digits(s, 17, 2, hour) || !digits(s, 20, 2, minute) || !digits(s, 23, 2, second))
        return std::nullopt;
    const int m = static_cast<int>(month - kMonths.begin()) + 1;
    // RFC 9110 allows second 60 (a leap second); unix time folds it into the next minute.
    if (year < 1 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
    const std::int64_t days = days_from_civil(year, m, day);
    std::int64_t y = 0;
    int mm = 0, dd = 0;
    civil_from_days(days, y, mm, dd);
    if (mm != m || dd != day) return std::nullopt;  // 31 Feb and the like
    if (kWeekdays[static_cast<std::size_t>(((days % 7) + 7) % 7)] != *weekday) return std::nullopt;
    return days * kDay + hour * 3600 + minute * 60 + second;
}

} // namespace ringside::cloud
