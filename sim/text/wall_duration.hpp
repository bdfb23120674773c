#pragma once
// A span of wall time as a person types it on a command line: a decimal number and a unit,
// ms, s, m or h ("500ms", "90s", "1.5m", "2h"); a bare number is seconds. `ringside fleet
// --duration` and `ringside signin --stay` read it the same way.
// Units: the result in milliseconds. Who may call: anyone.
#include <chrono>
#include <optional>
#include <string>

namespace ringside::text {

// The span `text` names, or nullopt when it is not a finite number with one of those units.
// No bounds: each flag states and checks its own.
std::optional<double> wall_duration_ms(const std::string& text);

} // namespace ringside::text
