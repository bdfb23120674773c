#pragma once
// The HIL link's frames (docs/hil_protocol.md). On the wire each frame is
//   COBS( version u8 | type u8 | sequence u16 | length u16 | payload[length] | crc32 u32 ) 0x00
// little-endian, CRC-32 (IEEE) over everything before it. Each direction numbers its frames
// 0, 1, 2, ... (wrapping) so the receiver sees lost frames; COBS and the 0x00 delimiter let
// it resynchronise after garbage or a cut. Portable: no heap, no exceptions; shared by the
// board agent and the host driver.
#include <array>
#include <cstddef>
#include <cstdint>

#include "hil/protocol/cobs.hpp"

namespace ringside::hil {

inline constexpr std::uint8_t kProtocolVersion = 1;
inline constexpr std::size_t kMaxPayload = 1024;
inline constexpr std::size_t kHeaderSize = 6;
inline constexpr std::size_t kCrcSize = 4;
inline constexpr std::size_t kMaxFrameSize = kHeaderSize + kMaxPayload + kCrcSize;
// Encoded frame plus its delimiter: what a transmit buffer must hold.
inline constexpr std::size_t kMaxWireSize = cobs_max_encoded(kMaxFrameSize) + 1;

enum class MessageType : std::uint8_t {
    // Both directions
    Hello = 0x01,          // host opens the link: protocol version it speaks
    HelloAck = 0x02,       // board identity, firmware version, capabilities
    Ack = 0x03,
    Nack = 0x04,
    // Host -> board
    ButtonEdge = 0x10,
    Utterance = 0x11,      // text + household member
    AudioChunk = 0x12,     // PCM
    Power = 0x13,          // on, off, reset
    TimeGrant = 0x14,      // lockstep: advance the board clock by N ms
    HttpResponse = 0x15,   // the host's answer to a tunnelled HttpRequest
    SetupCredentials = 0x16,
    // Board -> host
    RingFrame = 0x20,
    PatternChange = 0x21,
    DeviceState = 0x22,
    AuthState = 0x23,
    Speech = 0x24,
    Trace = 0x25,
    HttpRequest = 0x26,    // the board's cloud traffic, tunnelled to the host
    TimeDone = 0x27,       // lockstep: the granted time has been run
};

struct Frame {
    MessageType type = MessageType::Ack;
    std::uint16_t sequence = 0;
    std::uint16_t length = 0;
    std::array<std::uint8_t, kMaxPayload> payload{};
};

// Writes `frame` as wire bytes (COBS + delimiter) into `out`. Returns the byte count, or 0
// if the payload is too long or `out` too small.
std::size_t encode_frame(const Frame& frame, std::uint8_t* out, std::size_t capacity);

// Turns a byte stream back into frames, one byte at a time (as a UART interrupt delivers
// them). Never blocks, never allocates; any input leaves it ready for the next frame.
class FrameDecoder {
public:
    enum class Result : std::uint8_t {
        None,             // need more bytes
        Frame,            // frame() holds a verified frame until the next push()
        BadCrc,           // a complete frame whose CRC does not match (a flipped bit)
        Malformed,        // not COBS, or a length that disagrees with the frame's size
        Overflow,         // more bytes than any frame can have before a delimiter
        BadVersion,       // a well-formed frame of another protocol version
    };

    Result push(std::uint8_t byte);
    const Frame& frame() const { return frame_; }

private:
    Result finish();

    std::array<std::uint8_t, kMaxWireSize> encoded_{};
    std::size_t filled_ = 0;
    bool overflowed_ = false;
    Frame frame_;
};

// Sequence numbers of one direction: how many frames went missing before this one.
class SequenceTracker {
public:
    // Returns the frames lost since the previous one (0 when in order); the first frame
    // seen, and any after reset(), start a new count.
    std::uint16_t accept(std::uint16_t sequence);
    void reset() { started_ = false; }

private:
    bool started_ = false;
    std::uint16_t expected_ = 0;
};

} // namespace ringside::hil
