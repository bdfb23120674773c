#pragma once
// A ByteTransport that wraps a real one (the board emulator's PTY) and, at one chosen point
// of the byte stream *from the board*, does what a bad wire, a reset board or a pulled
// cable does: garbage between frames or inside one, a frame cut short, a flipped bit, a
// frame dropped, a frame in another protocol version, an unasked-for HelloAck, the port
// closing, a board halting with a Fault, or anything a test wants at that instant (killing
// the emulator, or press its reset button). Everything else
// passes through unchanged, so with Fault::Kind::None it is transparent: the scenario must
// play exactly as on the bare transport (the control every fault test compares against).
//
// The point is "after `after_frames` frames (0x00 delimiters) from the board" — counted
// from the first byte, the handshake's frames included — and optionally "the first frame
// of type `type` from there on". Faults that change a frame apply to that frame; faults that
// add bytes or end the stream act just before it. With `after_bytes`, an insertion lands
// right after that many bytes, wherever that is (inside a frame: it destroys that frame).
// Who may call: tests, one thread (the link's).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hil/host/byte_transport.hpp"
#include "hil/protocol/frame.hpp"

namespace ringside::test {

struct Fault {
    enum class Kind {
        None,           // pass everything: the control run
        Garbage,        // `garbage` bytes, then a 0x00 unless `garbage_delimited` is false
        Truncate,       // the frame loses everything after its first half; its 0x00 stays
        FlipBit,        // one bit of the frame's payload (or CRC) flips; COBS redone, so: bad CRC
        Drop,           // the frame never arrives, delimiter and all
        ForeignVersion, // the frame arrives intact but framed as protocol version 9
        FakeHelloAck,   // a well-formed HelloAck (sequence 0) first: the board reset
        Close,          // the port closes: reads say Closed, writes throw, the real port is released
        Call,           // `call` runs (e.g. kill the emulator); then nothing more arrives
        Tap,            // `call` runs (e.g. press the board's reset button); everything passes on
        BoardFault,     // a Fault frame saying `what` (as a halting board sends it); then nothing more
    };
    Kind kind = Kind::None;
    std::uint64_t after_frames = 0;
    std::optional<std::uint64_t> after_bytes;   // insertion point by byte count instead (Garbage, Call, Tap)
    std::optional<hil::MessageType> type;       // the first frame of this type at or after the point
    std::uint64_t occurrence = 1;               // or the n-th of them (frames of `type`, from the point)
    std::vector<std::uint8_t> garbage;
    bool garbage_delimited = true;
    std::function<void()> call;
    std::string what;  // BoardFault's text
};

// What the transport saw and did, shared with the test (the link owns the transport).
struct NoisyReport {
    std::uint64_t bytes_from_board = 0;   // as the real transport delivered them
    std::uint64_t frames_from_board = 0;  // delimiters among them
    bool fired = false;
    std::uint64_t fired_at_frame = 0;     // frames before the fault's point
    std::optional<hil::MessageType> fired_on;  // the type of the frame it hit or preceded
};

class NoisyTransport final : public hil::ByteTransport {
public:
    NoisyTransport(std::unique_ptr<hil::ByteTransport> inner, Fault fault, std::shared_ptr<NoisyReport> report);

    void write(const std::uint8_t* data, std::size_t size, hil::Deadline deadline) override;
    hil::ReadResult read(std::uint8_t* buffer, std::size_t max, hil::Deadline deadline) override;
    const std::string& describe() const override { return name_; }

private:
    void take(std::uint8_t byte);  // one byte from the board through the fault's logic
    void apply(std::vector<std::uint8_t> frame);  // the fault, on a whole captured frame
    void insert_before();                          // Garbage / FakeHelloAck / Close / Call
    bool at_point() const;

    std::unique_ptr<hil::ByteTransport> inner_;
    Fault fault_;
    std::shared_ptr<NoisyReport> report_;
    std::string name_;
    enum class State { Before, Capturing, After, Closed, Dead } state_ = State::Before;
    std::vector<std::uint8_t> capture_;  // the frame being held while looking for the target
    std::vector<std::uint8_t> ready_;    // bytes for the link, in order
    std::uint64_t matches_ = 0;          // frames of the fault's type seen from the point
    std::size_t ready_at_ = 0;
};

// Wire bytes of a frame as the board would send it (COBS + 0x00).
std::vector<std::uint8_t> wire_bytes(const hil::Frame& frame);

} // namespace ringside::test
