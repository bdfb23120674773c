#pragma once
// A point in virtual time for people: "HH:MM:SS.mmm", with days prefixed from 24 h on
// ("1d 00:00:07.820"). Used by failure messages and every report.
#include <chrono>
#include <string>

namespace ringside::text {

std::string format_timestamp(std::chrono::milliseconds at);

} // namespace ringside::text
