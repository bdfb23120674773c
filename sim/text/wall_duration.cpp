#include "sim/text/wall_duration.hpp"

#include <cmath>
#include <cstdlib>
#include <utility>

namespace ringside::text {

std::optional<double> wall_duration_ms(const std::string& text) {
    char* end = nullptr;
    const double n = std::strtod(text.c_str(), &end);
    if (text.empty() || end == text.c_str() || !std::isfinite(n)) return std::nullopt;
    const std::string unit(end);
    static const std::pair<const char*, double> kUnits[] = {{"", 1000}, {"s", 1000}, {"ms", 1}, {"m", 60'000}, {"h", 3'600'000}};
    for (const auto& [name, factor] : kUnits)
        if (unit == name) return n * factor;
    return std::nullopt;
}

} // namespace ringside::text
