#pragma once
// HTTP's Date format, IMF-fixdate (RFC 9110 §5.6.7): "Sun, 06 Nov 1994 08:49:37 GMT".
// The cloud stamps it on every answer; the in-process transport reads it back for the
// firmware, as a device's HTTP stack would. Proleptic Gregorian calendar, UTC, no leap
// seconds (as unix time has none). Who may call: anyone; pure functions.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ringside::cloud {

// Days since 1970-01-01 of a proleptic Gregorian date (month 1-12, day 1-31); exact for every
// year, before 1970 too. Also the importer's reading of HAR dates.
std::int64_t days_from_civil(std::int64_t year, int month, int day);

// Years outside 0001..9999 cannot be written in four digits: the instant is clamped into them.
std::string format_http_date(std::int64_t unix_seconds);

// nullopt unless `text` is exactly one IMF-fixdate (the obsolete RFC 850 and asctime forms
// are not accepted: the mock never sends them, and a strict reader catches a broken writer).
std::optional<std::int64_t> parse_http_date(std::string_view text);

} // namespace ringside::cloud
