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

inline constexpr std::uint8_t kProtocolVersion = 4;
inline constexpr std::size_t kMaxPayload = 1024;
inline constexpr std::size_t kHeaderSize = 6;
inline constexpr std::size_t kCrcSize = 4;
inline constexpr std::size_t kMaxFrameSize = kHeaderSize + kMaxPayload + kCrcSize;
// Encoded frame plus its delimiter: what a transmit buffer must hold.
inline constexpr std::size_t kMaxWireSize = cobs_max_encoded(kMaxFrameSize) + 1;

// docs/hil_protocol.md, "Message types": 0x0_ either way, 0x1_ host -> board, 0x2_ and 0x3_
// board -> host (HttpBody both ways). Values are the wire's; never renumber one.
enum class MessageType : std::uint8_t {
    Hello = 0x01,             // host opens the link
    HelloAck = 0x02,          // board identity, firmware version, capabilities
    Ack = 0x03,               // the last BoardConfig / Power was done
    Nack = 0x04,              // refused, and why
    // Host -> board
    ButtonEdge = 0x10,
    Utterance = 0x11,         // a person speaks: voice and text
    AudioChunk = 0x12,        // raw PCM for the microphone
    Power = 0x13,             // on, off, reset
    TimeGrant = 0x14,         // lockstep: run until a world time
    HttpResponse = 0x15,      // head of the answer to a tunnelled request
    SetupCredentials = 0x16,  // the companion app's provisioning
    BoardConfig = 0x17,       // seed, RTC, identity for the next power-on
    WifiResult = 0x18,        // outcome of the last WifiJoin
    QueryStoredToken = 0x19,  // test face: the refresh token in flash
    StreamRing = 0x1A,        // RingFrame streaming on/off
    QueryBoardStats = 0x1B,   // the board's memory and link figures (BoardStats)
    // Board -> host
    RingFrame = 0x20,
    Status = 0x22,            // device, auth, ring, user code, audio buffered
    Speech = 0x24,
    Trace = 0x25,
    HttpRequest = 0x26,       // head of a request to tunnel
    TimeDone = 0x27,          // lockstep: the board stands at a world time
    HttpBody = 0x28,          // both ways: a piece of a request's or response's body
    HttpCancel = 0x29,
    WifiJoin = 0x2A,
    WifiLeave = 0x2B,
    WifiPreferBand = 0x2C,
    SetupReport = 0x2D,
    StoredToken = 0x2E,       // the answer to QueryStoredToken
    BoardStats = 0x2F,        // the answer to QueryBoardStats
    Fault = 0x30,             // the board stops: why (sent just before it halts)
    HttpBodyEnd = 0x31,       // a streamed request's body is whole
    Boot = 0x32,              // the board has just started (sent once, unasked)
};

// Whether `type` is one of the values above (a receiver Nacks the others).
constexpr bool is_known(MessageType type) {
    switch (type) {
        case MessageType::Hello: case MessageType::HelloAck: case MessageType::Ack: case MessageType::Nack:
        case MessageType::ButtonEdge: case MessageType::Utterance: case MessageType::AudioChunk:
        case MessageType::Power: case MessageType::TimeGrant: case MessageType::HttpResponse:
        case MessageType::SetupCredentials: case MessageType::BoardConfig: case MessageType::WifiResult:
        case MessageType::QueryStoredToken: case MessageType::StreamRing: case MessageType::RingFrame:
        case MessageType::Status: case MessageType::Speech: case MessageType::Trace:
        case MessageType::HttpRequest: case MessageType::TimeDone: case MessageType::HttpBody:
        case MessageType::HttpCancel: case MessageType::WifiJoin: case MessageType::WifiLeave:
        case MessageType::WifiPreferBand: case MessageType::SetupReport: case MessageType::StoredToken:
        case MessageType::QueryBoardStats: case MessageType::BoardStats: case MessageType::Fault:
        case MessageType::HttpBodyEnd: case MessageType::Boot:
            return true;
    }
    return false;
}

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
