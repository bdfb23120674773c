#include "hil/protocol/messages.hpp"

#include "hil/protocol/payload.hpp"

namespace ringside::hil {
namespace {

PayloadWriter start(Frame& f, MessageType type) {
    f.type = type;
    return PayloadWriter(f);
}

bool is_state_type(MessageType t) {
    return t == MessageType::PatternChange || t == MessageType::DeviceState || t == MessageType::AuthState;
}

} // namespace

bool encode(const Hello& m, Frame& f) { return start(f, MessageType::Hello).u8(m.protocol).ok(); }

bool encode(const HelloAck& m, Frame& f) {
    return start(f, MessageType::HelloAck).u8(m.protocol).str(m.board_id).str(m.firmware_version).u32(m.capabilities).ok();
}

bool encode(const ButtonEdge& m, Frame& f) {
    return start(f, MessageType::ButtonEdge).u8(m.button).u8(m.pressed ? 1 : 0).ok();
}

bool encode(const Power& m, Frame& f) {
    return start(f, MessageType::Power).u8(static_cast<std::uint8_t>(m.action)).ok();
}

bool encode(const TimeGrant& m, Frame& f) { return start(f, MessageType::TimeGrant).u32(m.ms).ok(); }

bool encode(const TimeDone& m, Frame& f) { return start(f, MessageType::TimeDone).u64(m.board_ms).ok(); }

bool encode(const RingFrameMessage& m, Frame& f) {
    PayloadWriter w = start(f, MessageType::RingFrame);
    for (const hal::Rgb& led : m.frame) w.u8(led.r).u8(led.g).u8(led.b);
    return w.ok();
}

bool encode(const StateName& m, Frame& f) {
    return is_state_type(m.type) && start(f, m.type).str(m.name).ok();
}

bool encode(const SpeechMessage& m, Frame& f) { return start(f, MessageType::Speech).str(m.text).ok(); }

bool encode(const TraceMessage& m, Frame& f) {
    return start(f, MessageType::Trace).u64(m.at_ms).str(m.category).str(m.event).str(m.detail).ok();
}

bool decode(const Frame& f, Hello& m) {
    if (f.type != MessageType::Hello) return false;
    PayloadReader r(f);
    m.protocol = r.u8();
    return r.ok_and_done();
}

bool decode(const Frame& f, HelloAck& m) {
    if (f.type != MessageType::HelloAck) return false;
    PayloadReader r(f);
    m.protocol = r.u8();
    m.board_id = r.str();
    m.firmware_version = r.str();
    m.capabilities = r.u32();
    return r.ok_and_done();
}

bool decode(const Frame& f, ButtonEdge& m) {
    if (f.type != MessageType::ButtonEdge) return false;
    PayloadReader r(f);
    m.button = r.u8();
    const std::uint8_t pressed = r.u8();
    m.pressed = pressed == 1;
    return r.ok_and_done() && pressed <= 1;
}

bool decode(const Frame& f, Power& m) {
    if (f.type != MessageType::Power) return false;
    PayloadReader r(f);
    const std::uint8_t action = r.u8();
    m.action = static_cast<PowerAction>(action);
    return r.ok_and_done() && action <= static_cast<std::uint8_t>(PowerAction::Reset);
}

bool decode(const Frame& f, TimeGrant& m) {
    if (f.type != MessageType::TimeGrant) return false;
    PayloadReader r(f);
    m.ms = r.u32();
    return r.ok_and_done();
}

bool decode(const Frame& f, TimeDone& m) {
    if (f.type != MessageType::TimeDone) return false;
    PayloadReader r(f);
    m.board_ms = r.u64();
    return r.ok_and_done();
}

bool decode(const Frame& f, RingFrameMessage& m) {
    if (f.type != MessageType::RingFrame) return false;
    PayloadReader r(f);
    for (hal::Rgb& led : m.frame) {
        led.r = r.u8();
        led.g = r.u8();
        led.b = r.u8();
    }
    return r.ok_and_done();
}

bool decode(const Frame& f, StateName& m) {
    if (!is_state_type(f.type)) return false;
    PayloadReader r(f);
    m.type = f.type;
    m.name = r.str();
    return r.ok_and_done();
}

bool decode(const Frame& f, SpeechMessage& m) {
    if (f.type != MessageType::Speech) return false;
    PayloadReader r(f);
    m.text = r.str();
    return r.ok_and_done();
}

bool decode(const Frame& f, TraceMessage& m) {
    if (f.type != MessageType::Trace) return false;
    PayloadReader r(f);
    m.at_ms = r.u64();
    m.category = r.str();
    m.event = r.str();
    m.detail = r.str();
    return r.ok_and_done();
}

} // namespace ringside::hil
