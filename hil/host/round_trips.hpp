#pragma once
// Round-trip times of Hello/HelloAck exchanges: what `ringside hil ping` prints, and the
// seed of the link-latency benchmark. Each exchange is one Hello written and one HelloAck
// read back, timed on the steady clock around both. Who may call: the CLI, benchmarks, tests.
#include <chrono>
#include <vector>

#include "hil/host/board_link.hpp"

namespace ringside::hil {

struct RoundTrips {
    std::vector<std::chrono::nanoseconds> samples;  // in the order measured

    // Nearest-rank percentile (0 < p <= 100) of the samples; zero when there are none.
    std::chrono::nanoseconds percentile(double p) const;
    std::chrono::nanoseconds median() const { return percentile(50); }
    std::chrono::nanoseconds p99() const { return percentile(99); }
    std::chrono::nanoseconds min() const { return percentile(0.0001); }
    std::chrono::nanoseconds max() const { return percentile(100); }
};

// `count` exchanges, one after the other, each allowed `timeout` (real time). Throws
// LinkError: Timeout ("board on X did not answer Hello 7 of 20 within 1 s"), Closed,
// WrongProtocol.
RoundTrips measure_round_trips(BoardLink& link, int count, std::chrono::milliseconds timeout = std::chrono::seconds(1));

} // namespace ringside::hil
