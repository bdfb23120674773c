#pragma once
// The board's side of the link going out: encodes each message into a frame, numbers it
// (0, 1, 2, ... wrapping; HelloAck restarts at 0) and hands the wire bytes to the ByteSink.
// It also remembers whether anything the host must act on or observe went out since the
// last TimeDone (docs/hil_protocol.md, "Two clocks"): a lockstep port stops its grant on it.
// Who may call: the agent's parts, on the port's loop (inside feed, observe, or a dispatch).
#include <array>
#include <cstddef>
#include <cstdint>

#include "hil/agent/byte_sink.hpp"
#include "hil/agent/link_stats.hpp"
#include "hil/protocol/frame.hpp"
#include "hil/protocol/messages.hpp"

namespace ringside::hil {

// Whether a frame is news the host must see before the board's time moves on.
enum class Notice : std::uint8_t {
    Quiet,        // Trace, RingFrame, answers to the host's own questions
    HostMustSee,  // a request, a Wi-Fi or setup call, a Status change, a Speech
};

class Outbox {
public:
    Outbox(ByteSink& sink, LinkStats& stats) : sink_(sink), stats_(stats) {}
    Outbox(const Outbox&) = delete;
    Outbox& operator=(const Outbox&) = delete;

    // Encodes and sends `message`. False when it does not fit a frame (nothing sent) or the
    // sink refused it (its sequence number is then spent: the host sees the gap).
    template <typename Message>
    bool send(const Message& message, Notice notice) {
        if (!encode(message, frame_)) {
            ++stats_.frames_unencodable;
            return false;
        }
        return transmit(notice, false);
    }
    // The same, after one extra 0x00 (Boot): a board reset while it was sending left half a
    // frame on the line, and without a delimiter of its own the host's decoder would take
    // this frame down with it.
    template <typename Message>
    bool send_after_delimiter(const Message& message, Notice notice) {
        if (!encode(message, frame_)) {
            ++stats_.frames_unencodable;
            return false;
        }
        return transmit(notice, true);
    }

    // HelloAck starts a new count (the host resets its tracker on it).
    void restart_numbering() { next_sequence_ = 0; }

    bool stop_pending() const { return stop_pending_; }
    // After a TimeDone: the host has been told where the board stands.
    void clear_stop() { stop_pending_ = false; }

    // Zeroes the frame and wire buffers, after a frame that carried a secret (StoredToken).
    void wipe();

private:
    bool transmit(Notice notice, bool delimiter_first);

    ByteSink& sink_;
    LinkStats& stats_;
    Frame frame_;
    std::array<std::uint8_t, kMaxWireSize> wire_{};
    std::uint16_t next_sequence_ = 0;
    bool stop_pending_ = false;
};

} // namespace ringside::hil
