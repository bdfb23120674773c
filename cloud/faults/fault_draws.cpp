#include "cloud/faults/fault_draws.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ringside::cloud {
namespace {

// 53 random bits as a double in [0, 1).
double unit(common::Prng& stream) { return static_cast<double>(stream.next() >> 11) * 0x1.0p-53; }

// Uniform in [0, bound] for any 64-bit bound; rejection sampling, so no modulo bias.
std::uint64_t up_to(common::Prng& stream, std::uint64_t bound) {
    if (bound == std::numeric_limits<std::uint64_t>::max()) return stream.next();
    const std::uint64_t range = bound + 1;
    const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % range;
    std::uint64_t x = stream.next();
    while (x >= limit) x = stream.next();
    return x % range;
}

Millis clamp_drawn(double ms) {
    if (!(ms > 0)) return Millis(0);  // also NaN
    return Millis(static_cast<std::int64_t>(std::min(std::llround(std::min(ms, 4.0e12)),
                                                     static_cast<long long>(kMaxDrawnDelay.count()))));
}

} // namespace

Millis draw_delay(const Fault& fault, common::Prng& stream) {
    const Millis least = std::max(fault.delay, Millis(0));
    switch (fault.delay_shape) {
    case DelayShape::Fixed: return std::min(least, kMaxDrawnDelay);
    case DelayShape::Uniform: {
        const Millis most = std::max(fault.delay_max, least);
        const auto span = static_cast<std::uint64_t>((most - least).count());
        return std::min(least + Millis(static_cast<std::int64_t>(up_to(stream, span))), kMaxDrawnDelay);
    }
    case DelayShape::LogNormal: {
        // Box-Muller: u1 in (0, 1] keeps the logarithm finite.
        const double u1 = 1.0 - unit(stream);
        const double u2 = unit(stream);
        const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * 3.14159265358979323846 * u2);
        return clamp_drawn(static_cast<double>(least.count()) * std::exp(std::max(fault.delay_sigma, 0.0) * z));
    }
    }
    return least;
}

std::string draw_random_bytes(common::Prng& stream) {
    std::string bytes;
    bytes.reserve(kRandomBytesLength);
    while (bytes.size() < kRandomBytesLength) {
        std::uint64_t word = stream.next();
        for (int i = 0; i < 8 && bytes.size() < kRandomBytesLength; ++i, word >>= 8)
            bytes.push_back(static_cast<char>(word & 0xff));
    }
    if (bytes[0] == 'H' || bytes[0] == 'h') bytes[0] = static_cast<char>(bytes[0] ^ 0x80);
    return bytes;
}

} // namespace ringside::cloud
