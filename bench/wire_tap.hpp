#pragma once
// For the HIL benchmarks: a ByteTransport that sits between BoardLink and the real transport
// (the emulator's PTY) and
//   - counts the bytes on the wire in each direction, per message type, by decoding a copy
//     of each stream with its own FrameDecoder (the payloads are never kept or printed: the
//     link carries tokens);
//   - optionally paces both directions as a UART at `baud` 8N1 would (10 bits per byte):
//     a PTY ignores termios speeds, so without this the emulator's bytes arrive as fast as
//     the kernel copies them. Writes leave when their last bit would have been sent; bytes
//     from the board become readable one byte time after the previous one (a line that
//     serialises them), so a board that sends more than the line carries builds a backlog
//     that shows as a growing latency.
// Board-to-host latency of a frame: from when its first byte reached the tap (the moment
// the board handed it to its UART; the emulator writes whole frames) to when its last
// byte left the modelled line. Unpaced, that is only the PTY's own delivery.
// Who may call: one thread, as any ByteTransport (BoardLink owns it). Times: steady clock.
#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "hil/host/byte_transport.hpp"
#include "hil/protocol/frame.hpp"

namespace ringside::bench {

struct TypeTally {
    std::uint64_t frames = 0;
    std::uint64_t bytes = 0;  // wire bytes: COBS-encoded frame plus its 0x00 delimiter
};

struct DirectionTally {
    std::uint64_t bytes = 0;  // every byte, frames or not
    std::array<TypeTally, 256> by_type{};
    const TypeTally& of(hil::MessageType type) const { return by_type[static_cast<std::uint8_t>(type)]; }
    std::uint64_t frames() const;
};

// What crossed the wire, both ways. Shared with the bench (the tap belongs to BoardLink).
struct WireCounts {
    DirectionTally to_board, to_host;
    // Board-to-host latency of each RingFrame (see above), in arrival order, and the most
    // bytes that ever waited on the modelled line (0 unpaced).
    std::vector<std::chrono::nanoseconds> ring_latency;
    std::size_t max_backlog_bytes = 0;
    // Lockstep grants (from the TimeGrant and TimeDone payloads, which carry only times):
    // those whose `until` is where the board already stood, and those the board ended early
    // (or at `until`) with news.
    std::uint64_t grants_in_place = 0;
    std::uint64_t grants_stopped = 0;
    // Real time from each TimeGrant leaving the host to its TimeDone reaching it: what one
    // lockstep step costs on this link (the board's work plus the round trip), in order.
    std::vector<std::chrono::nanoseconds> grant_round_trips;
    // For each of those grants, the wire bytes it had to move: to the board, everything
    // written since the previous TimeDone (inputs, response bodies, the TimeGrant itself: a
    // board reads them during the grant); to the host, everything up to and with its TimeDone.
    struct GrantBytes {
        std::uint64_t to_board = 0, to_host = 0;
    };
    std::vector<GrantBytes> grant_bytes;
    // Not the wire's, but the bench's (tapped_board): time spent starting board processes
    // (the emulator: spawn to its "ready" line; QEMU: spawn to its UART connecting), opening
    // their links (handshake, StreamRing, BoardConfig) and stopping them (the PTY or socket
    // closed, the process ended and reaped).
    std::chrono::nanoseconds board_start{0}, board_open{0}, board_stop{0};
    void clear_latency() {
        ring_latency.clear();
        max_backlog_bytes = 0;
    }
};

class WireTap final : public hil::ByteTransport {
public:
    // `baud` 0: no pacing (count only).
    WireTap(std::unique_ptr<hil::ByteTransport> inner, std::shared_ptr<WireCounts> counts, int baud = 0);

    void write(const std::uint8_t* data, std::size_t size, hil::Deadline deadline) override;
    hil::ReadResult read(std::uint8_t* buffer, std::size_t max, hil::Deadline deadline) override;
    const std::string& describe() const override { return inner_->describe(); }

private:
    struct Pending {
        std::uint8_t byte;
        hil::LinkClock::time_point arrived, readable;
    };
    // One direction's copy of the stream, cut into frames and tallied.
    struct Counter {
        hil::FrameDecoder decoder;
        std::uint64_t unit_bytes = 0;                // since the last delimiter
        hil::LinkClock::time_point unit_arrived{};   // when the unit's first byte reached the tap
        // Counts `byte`; true (and `type`) when it was the delimiter of an intact frame.
        bool push(std::uint8_t byte, hil::LinkClock::time_point arrived, DirectionTally& tally, hil::MessageType& type);
    };
    // Bytes the board sent, as they reached the tap: each becomes readable one byte time
    // after the one before it (or after it arrived, on an idle line).
    void enqueue(const std::uint8_t* bytes, std::size_t n, hil::LinkClock::time_point arrived);
    // A byte handed to BoardLink: counted, and a RingFrame's latency noted.
    void deliver(std::uint8_t byte, hil::LinkClock::time_point arrived, hil::LinkClock::time_point now);

    std::unique_ptr<hil::ByteTransport> inner_;
    std::shared_ptr<WireCounts> counts_;
    std::chrono::nanoseconds byte_time_{0};
    hil::LinkClock::time_point tx_free_at_{}, rx_free_at_{};
    std::deque<Pending> pending_;  // from the board, not yet through the modelled line
    bool inner_closed_ = false;    // the board went away; what is on the line still arrives
    std::uint64_t board_at_ms_ = 0;  // the last TimeDone's world time
    hil::LinkClock::time_point grant_sent_at_{};  // when the last TimeGrant left
    std::uint64_t to_board_at_done_ = 0;          // counts_->to_board.bytes at the last TimeDone
    std::uint64_t to_host_at_grant_ = 0;          // counts_->to_host.bytes as the last TimeGrant left
    Counter tx_, rx_;
    std::array<std::uint8_t, 4096> scratch_{};
};

} // namespace ringside::bench
