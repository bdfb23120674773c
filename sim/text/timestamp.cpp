#include "sim/text/timestamp.hpp"

#include <cstdio>

namespace ringside::text {

std::string format_timestamp(std::chrono::milliseconds at) {
    long long ms = at.count();
    const long long days = ms / 86400000;
    ms %= 86400000;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld.%03lld", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
    return days ? std::to_string(days) + "d " + buf : std::string(buf);
}

} // namespace ringside::text
