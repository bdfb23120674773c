#include "runner/duration.hpp"

#include <array>
#include <cctype>
#include <utility>

namespace ringside::runner {
namespace {

struct Unit {
    std::string_view suffix;
    long long ms;
};
// Order matters twice: "ms" before "m" when parsing, and largest-first when formatting.
constexpr std::array<Unit, 5> kUnits{{{"d", 86400000}, {"h", 3600000}, {"ms", 1}, {"m", 60000}, {"s", 1000}}};

} // namespace

std::optional<Millis> parse_duration(std::string_view text) {
    long long total = 0;
    long long last_unit = -1;  // units must strictly shrink: "1h30m", never "30m1h"
    std::size_t i = 0;
    if (text.empty()) return std::nullopt;
    while (i < text.size()) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
        long long value = 0;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
            value = value * 10 + (text[i] - '0');
            if (value > 1000000000LL) return std::nullopt;
            ++i;
        }
        const Unit* unit = nullptr;
        for (const Unit& u : kUnits) {
            if (text.substr(i, u.suffix.size()) == u.suffix) {
                unit = &u;
                break;
            }
        }
        if (!unit) return std::nullopt;
        if (last_unit != -1 && unit->ms >= last_unit) return std::nullopt;
        last_unit = unit->ms;
        total += value * unit->ms;
        i += unit->suffix.size();
    }
    return Millis(total);
}

std::string format_duration(Millis duration) {
    long long left = duration.count();
    if (left == 0) return "0s";
    std::string out;
    if (left < 0) {
        out = "-";
        left = -left;
    }
    for (long long ms : {86400000LL, 3600000LL, 60000LL, 1000LL, 1LL}) {
        if (left >= ms) {
            out += std::to_string(left / ms);
            out += ms == 86400000 ? "d" : ms == 3600000 ? "h" : ms == 60000 ? "m" : ms == 1000 ? "s" : "ms";
            left %= ms;
        }
    }
    return out;
}

} // namespace ringside::runner
