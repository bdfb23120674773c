#pragma once
// HAR's startedDateTime: ISO 8601 with a UTC offset, as every capture tool writes it
// ("2025-11-25T10:00:00.123Z", "2025-11-25T11:00:00.123+01:00"; fractions of any length).
// Who may call: anyone; a pure function.
#include <cstdint>
#include <optional>
#include <string_view>

namespace ringside::importer {

// Unix milliseconds (UTC), or nullopt when the text is not such a date-time.
std::optional<std::int64_t> parse_iso8601_ms(std::string_view text);

} // namespace ringside::importer
