#pragma once
// Frames over a transport (docs/hil_protocol.md, "Framing"): the host's side of the wire.
// It numbers the host's frames, turns the board's bytes back into frames, and counts what
// went wrong on the way in: frames with a bad CRC, malformed ones (truncation, garbage),
// overflows, frames of another protocol version, frames lost (sequence gaps) and board
// restarts. It reads no payload but Hello/HelloAck's *type* (a Hello starts the host's
// numbering anew; a HelloAck the board's) and a Fault's text, so it works for any message
// layout. A Fault (the board halts: heap trap, HardFault, assert) is the end of the link
// whoever is reading: receive() throws it as LinkError BoardFault, naming the port and
// quoting the board ("the board on tcp:127.0.0.1:4001 stopped: heap allocation of 16
// bytes after init, from 0x08001234"). A Fault is sent outside the board's frame numbering
// (from a fault handler), so it is never counted as a gap.
//
// The protocol treats a bad or missing frame as a broken link, never as something to
// guess around. receive() skips them (and counts them) so that it can always hand over the
// next intact frame; the caller decides what damage means: throw_if_damaged() after each
// receive for lockstep, or damage() in a report.
//
// Who may call: one thread at a time (the scenario driver, `ringside hil ping`, tests).
// Times are real time: steady-clock deadlines; nothing blocks past them.
#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "hil/host/byte_transport.hpp"
#include "hil/protocol/frame.hpp"

namespace ringside::hil {

struct LinkCounters {
    std::uint64_t frames_sent = 0;
    std::uint64_t frames_received = 0;  // intact frames handed to the caller
    std::uint64_t bad_crc = 0;          // a complete frame whose CRC failed (a flipped bit): dropped
    std::uint64_t malformed = 0;        // not COBS, or a length that disagrees: truncation, garbage
    std::uint64_t overflow = 0;         // more bytes than any frame before a delimiter
    std::uint64_t bad_version = 0;      // well-formed frames of another protocol version
    std::uint64_t frames_lost = 0;      // sequence gaps; a dropped bad frame is counted here too
    std::uint64_t board_restarts = 0;   // a HelloAck no Hello asked for, or numbering back at 0
    std::uint64_t bytes_received = 0;
    std::uint64_t bytes_discarded = 0;  // bytes of everything that was not an intact frame
    int last_bad_version = -1;          // the version byte of the latest bad_version frame

    // Bad, lost or foreign frames counted since `earlier` ("3 frames with bad CRC, 1 lost"),
    // empty when there are none. Board restarts are not damage: the caller sees the HelloAck.
    std::string damage_since(const LinkCounters& earlier) const;
};

struct LinkOptions {
    // How long one frame may take to leave (a frame is at most 1040 bytes: 90 ms at
    // 115200 baud, 1.1 s at 9600).
    std::chrono::milliseconds write_timeout = std::chrono::seconds(2);
    // A HelloAck counts as the answer to a Hello sent at most this long before; later, or
    // with no Hello outstanding, it means the board restarted on its own.
    std::chrono::milliseconds hello_answer_window = std::chrono::seconds(3);
};

class BoardLink {
public:
    explicit BoardLink(std::unique_ptr<ByteTransport> transport, LinkOptions options = {});

    // The port as the transport names it; every LinkError of this link names it too.
    const std::string& port() const { return transport_->describe(); }

    // Numbers `frame` (its own `sequence` is ignored) and writes it; returns the number
    // used. A Hello is numbered 0 and restarts the count, and goes out after one extra 0x00
    // that ends whatever half frame line noise left in the board's decoder. Throws
    // LinkError: Closed, Timeout (the frame could not leave within write_timeout), Io.
    std::uint16_t send(const Frame& frame);

    // The next intact frame, or nullopt at `deadline` (real time; never later, even while
    // garbage keeps arriving). Bad frames on the way are counted and skipped; a HelloAck is
    // returned like any frame (see counters().board_restarts). A deadline already past
    // still returns a frame whose bytes are waiting. Throws LinkError Closed ("the port X
    // closed") when the other end went away, and on every call after that; LinkError
    // BoardFault when the board sent a Fault, and on every call after that.
    std::optional<Frame> receive(Deadline deadline);

    const LinkCounters& counters() const { return counters_; }

    // Damage since the baseline (the last handshake; the start otherwise): empty, or
    // "3 frames with bad CRC, 2 lost".
    std::string damage() const { return counters_.damage_since(baseline_); }
    // Throws LinkError (Damaged) "the link on X is damaged: 3 frames with bad CRC" if damage()
    // is not empty.
    void throw_if_damaged() const;
    // Damage before this point is not reported by damage(). handshake() calls it once the
    // board answered: noise before a HelloAck (a boot banner, half a frame) is expected.
    void set_damage_baseline() { baseline_ = counters_; }

    bool closed() const { return closed_; }
    ByteTransport& transport() { return *transport_; }

private:
    [[noreturn]] void throw_closed();
    [[noreturn]] void throw_fault(const Frame& fault);  // remembers it: the board has halted
    void note_byte(std::uint8_t byte);               // tracks the unit since the last delimiter
    void account(FrameDecoder::Result result);       // counts a non-frame outcome
    void accept_frame(const Frame& frame);           // sequence bookkeeping of an intact frame

    std::unique_ptr<ByteTransport> transport_;
    LinkOptions options_;
    FrameDecoder decoder_;
    SequenceTracker rx_sequence_;
    std::uint16_t tx_sequence_ = 0;
    LinkCounters counters_, baseline_;
    bool closed_ = false;
    std::string fault_;  // the BoardFault message once the board sent a Fault

    // Hellos sent that no HelloAck answered yet, and when the last one left.
    int hellos_unanswered_ = 0;
    bool shaken_hands_ = false;  // a HelloAck came: a Boot from now on is a restart
    LinkClock::time_point last_hello_at_{};

    // The unit (bytes since the last delimiter) being received: its size, and its first two
    // encoded bytes, which give the version byte of a BadVersion frame.
    std::size_t unit_size_ = 0;
    std::uint8_t unit_head_[2] = {0, 0};

    std::array<std::uint8_t, 4096> rx_buffer_{};
    std::size_t rx_at_ = 0, rx_end_ = 0;
    std::array<std::uint8_t, kMaxWireSize + 1> tx_buffer_{};
};

} // namespace ringside::hil
