#include "hil/host/round_trips.hpp"

#include <algorithm>
#include <cmath>

#include "hil/host/handshake.hpp"
#include "hil/host/link_error.hpp"

namespace ringside::hil {

std::chrono::nanoseconds RoundTrips::percentile(double p) const {
    if (samples.empty()) return std::chrono::nanoseconds::zero();
    std::vector<std::chrono::nanoseconds> sorted = samples;
    std::sort(sorted.begin(), sorted.end());
    const double rank = std::ceil(p / 100.0 * static_cast<double>(sorted.size()));
    const std::size_t index = rank < 1 ? 0 : std::min(sorted.size(), static_cast<std::size_t>(rank)) - 1;
    return sorted[index];
}

RoundTrips measure_round_trips(BoardLink& link, int count, std::chrono::milliseconds timeout) {
    RoundTrips trips;
    trips.samples.reserve(count > 0 ? static_cast<std::size_t>(count) : 0);
    for (int i = 1; i <= count; ++i) {
        const auto start = LinkClock::now();
        if (!exchange_hello(link, start + timeout))
            throw LinkError(LinkError::Kind::Timeout, link.port(),
                            "board on " + link.port() + " did not answer Hello " + std::to_string(i) + " of " +
                                std::to_string(count) + " within " + describe_duration(timeout));
        trips.samples.push_back(LinkClock::now() - start);
    }
    return trips;
}

} // namespace ringside::hil
