#pragma once
// The link's control-plane messages (docs/hil_protocol.md) and their payload layouts.
// encode() fills a frame's type and payload (sequence numbering is the link's job) and
// returns false when the message does not fit; decode() returns false unless the frame is
// of that type and its payload is exactly that layout. Views in decoded messages point
// into the frame. Portable: no heap, no exceptions.
#include <cstdint>
#include <string_view>

#include "firmware/hal/led_ring.hpp"
#include "hil/protocol/frame.hpp"

namespace ringside::hil {

// What a board can do, announced in HelloAck.
enum Capability : std::uint32_t {
    kCapLockstep = 1u << 0,    // runs its clock only as far as TimeGrant allows
    kCapAudio = 1u << 1,       // accepts AudioChunk
    kCapHttpTunnel = 1u << 2,  // sends its cloud traffic as HttpRequest
};

struct Hello {
    std::uint8_t protocol = kProtocolVersion;
};
struct HelloAck {
    std::uint8_t protocol = kProtocolVersion;
    std::string_view board_id;          // e.g. a serial number
    std::string_view firmware_version;
    std::uint32_t capabilities = 0;
};
struct ButtonEdge {
    std::uint8_t button = 0;  // hal::Button
    bool pressed = false;
};
enum class PowerAction : std::uint8_t { On, Off, Reset };
struct Power {
    PowerAction action = PowerAction::On;
};
struct TimeGrant {
    std::uint32_t ms = 0;  // run the board clock this much further, then answer TimeDone
};
struct TimeDone {
    std::uint64_t board_ms = 0;  // the board clock now (since its power-on)
};
struct RingFrameMessage {
    hal::RingFrame frame{};
};
// PatternChange, DeviceState and AuthState: one state name as docs/states.md writes it.
struct StateName {
    MessageType type = MessageType::DeviceState;
    std::string_view name;
};
struct SpeechMessage {
    std::string_view text;
};
struct TraceMessage {
    std::uint64_t at_ms = 0;
    std::string_view category, event, detail;
};

bool encode(const Hello& m, Frame& f);
bool encode(const HelloAck& m, Frame& f);
bool encode(const ButtonEdge& m, Frame& f);
bool encode(const Power& m, Frame& f);
bool encode(const TimeGrant& m, Frame& f);
bool encode(const TimeDone& m, Frame& f);
bool encode(const RingFrameMessage& m, Frame& f);
bool encode(const StateName& m, Frame& f);
bool encode(const SpeechMessage& m, Frame& f);
bool encode(const TraceMessage& m, Frame& f);

bool decode(const Frame& f, Hello& m);
bool decode(const Frame& f, HelloAck& m);
bool decode(const Frame& f, ButtonEdge& m);
bool decode(const Frame& f, Power& m);
bool decode(const Frame& f, TimeGrant& m);
bool decode(const Frame& f, TimeDone& m);
bool decode(const Frame& f, RingFrameMessage& m);
bool decode(const Frame& f, StateName& m);  // any of the three state types
bool decode(const Frame& f, SpeechMessage& m);
bool decode(const Frame& f, TraceMessage& m);

} // namespace ringside::hil
