#pragma once
// Durations as scenario files write them ("500ms", "5s", "2m", "24h", "1h30m", "1d") and
// virtual timestamps as reports print them ("00:02:15.040", or "1d 00:00:00.000").
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "sim/text/timestamp.hpp"

namespace ringside::runner {

using Millis = std::chrono::milliseconds;

// Whole-number parts with units ms, s, m, h, d, largest first; nullopt if malformed.
std::optional<Millis> parse_duration(std::string_view text);
// Shortest exact form that parse_duration reads back: "1h30m", "250ms", "0s".
std::string format_duration(Millis duration);
using text::format_timestamp;  // "HH:MM:SS.mmm", days prefixed when >= 24 h

} // namespace ringside::runner
