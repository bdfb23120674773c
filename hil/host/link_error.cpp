#include "hil/host/link_error.hpp"

namespace ringside::hil {

std::string describe_duration(std::chrono::milliseconds d) {
    const auto ms = d.count();
    if (ms != 0 && ms % 1000 == 0) return std::to_string(ms / 1000) + " s";
    return std::to_string(ms) + " ms";
}

} // namespace ringside::hil
