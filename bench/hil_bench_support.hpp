#pragma once
// For the HIL benchmarks: the board emulator as `--port emulator` starts it (a child process
// on a PTY, BoardLink, handshake), with a WireTap between the link and the PTY so the bench
// can count (and, at a baud rate, pace) what crosses the wire.
// Who may call: the benchmark programs, one thread per board.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/wire_tap.hpp"
#include "hil/host/board_link.hpp"
#include "hil/host/emulator_process.hpp"
#include "hil/host/handshake.hpp"
#include "hil/protocol/messages.hpp"
#include "sim/device.hpp"

namespace ringside::bench {

using Nanos = std::chrono::nanoseconds;

// Nearest-rank percentile (0 < p <= 100) of `samples`; zero when there are none.
Nanos percentile(std::vector<Nanos> samples, double p);
double to_ms(Nanos d);

// One emulator, driven frame by frame the way BoardDevice drives it (lockstep), for
// measuring single commands. Every wait has a real-time deadline; a silent board throws
// hil::LinkError / std::runtime_error with what it did not answer.
class DirectBoard {
public:
    // Starts the emulator, shakes hands, configures (BoardConfig) and powers the board on,
    // and lets it answer at world time 0. `baud` 0: no pacing.
    DirectBoard(std::shared_ptr<WireCounts> counts, int baud);

    template <typename Message>
    void send(const Message& message) {
        hil::Frame f;
        if (!hil::encode(message, f)) throw std::runtime_error("a bench message does not fit a frame");
        link_.send(f);
    }
    // Frames until one of `type` (returned); Status frames on the way are noted.
    hil::Frame await(hil::MessageType type);
    // TimeGrant{until} and every frame up to its TimeDone; the board then stands at done.now_ms.
    hil::TimeDone grant(std::uint64_t until_ms);
    // Grants at the board's time until it has nothing more to say there (bounded).
    void settle();

    std::uint64_t now_ms() const { return now_ms_; }
    fw::RingPattern ring() const { return ring_; }
    hil::BoardLink& link() { return link_; }

private:
    void note(const hil::Frame& f);

    hil::EmulatorProcess process_;  // outlives the link: declared first, destroyed last
    hil::BoardLink link_;
    std::uint64_t now_ms_ = 0;
    fw::RingPattern ring_ = fw::RingPattern::Off;
};

// A device factory like `--port emulator`'s or `--port qemu`'s (hil::board_device_factory):
// a fresh board process per world (`port`: "emulator" or "qemu"; started when the world asks
// for it, none ahead, so its start is on the clock), its link through a WireTap counting
// into `counts` (paced at `baud` unless 0), and, with `stream_ring`, StreamRing on before the
// world starts. The process's start, link opening and stop times are added up in `counts`.
// Throws std::invalid_argument for a port the harness does not start itself.
sim::DeviceFactory tapped_board(const std::string& port, std::shared_ptr<WireCounts> counts, int baud, bool stream_ring);
inline sim::DeviceFactory tapped_emulator(std::shared_ptr<WireCounts> counts, int baud, bool stream_ring) {
    return tapped_board("emulator", std::move(counts), baud, stream_ring);
}

} // namespace ringside::bench
