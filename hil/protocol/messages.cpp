#include "hil/protocol/messages.hpp"

#include "hil/protocol/payload.hpp"

namespace ringside::hil {
namespace {

PayloadWriter start(Frame& f, MessageType type) {
    f.type = type;
    return PayloadWriter(f);
}

// An enumerator travels as its u8 index; `last` is the highest the wire accepts.
template <typename Enum>
std::uint8_t wire(Enum value) {
    return static_cast<std::uint8_t>(value);
}
template <typename Enum>
bool in_range(Enum value, Enum last) {
    return static_cast<std::size_t>(value) <= static_cast<std::size_t>(last);
}
template <typename Enum>
bool read_enum(PayloadReader& r, Enum last, Enum& out) {
    const std::uint8_t v = r.u8();
    out = static_cast<Enum>(v);
    return v <= static_cast<std::uint8_t>(last);
}
bool read_flag(PayloadReader& r, bool& out) {
    const std::uint8_t v = r.u8();
    out = v == 1;
    return v <= 1;
}

bool is(const Frame& f, MessageType type) { return f.type == type; }

// The wire carries states by their exact names: a case-folded or unknown name is a sender's
// bug the receiver should see, not quietly accept (fw::parse alone forgives case).
template <typename State>
bool read_state_name(std::string_view name, State& out) {
    return fw::parse(name, out) && fw::to_string(out) == name;
}

} // namespace

std::string_view to_string(MessageType type) {
    switch (type) {
        case MessageType::Hello: return "Hello";
        case MessageType::HelloAck: return "HelloAck";
        case MessageType::Ack: return "Ack";
        case MessageType::Nack: return "Nack";
        case MessageType::ButtonEdge: return "ButtonEdge";
        case MessageType::Utterance: return "Utterance";
        case MessageType::AudioChunk: return "AudioChunk";
        case MessageType::Power: return "Power";
        case MessageType::TimeGrant: return "TimeGrant";
        case MessageType::HttpResponse: return "HttpResponse";
        case MessageType::SetupCredentials: return "SetupCredentials";
        case MessageType::BoardConfig: return "BoardConfig";
        case MessageType::WifiResult: return "WifiResult";
        case MessageType::QueryStoredToken: return "QueryStoredToken";
        case MessageType::StreamRing: return "StreamRing";
        case MessageType::RingFrame: return "RingFrame";
        case MessageType::Status: return "Status";
        case MessageType::Speech: return "Speech";
        case MessageType::Trace: return "Trace";
        case MessageType::HttpRequest: return "HttpRequest";
        case MessageType::TimeDone: return "TimeDone";
        case MessageType::HttpBody: return "HttpBody";
        case MessageType::HttpCancel: return "HttpCancel";
        case MessageType::HttpBodyEnd: return "HttpBodyEnd";
        case MessageType::Boot: return "Boot";
        case MessageType::WifiJoin: return "WifiJoin";
        case MessageType::WifiLeave: return "WifiLeave";
        case MessageType::WifiPreferBand: return "WifiPreferBand";
        case MessageType::SetupReport: return "SetupReport";
        case MessageType::StoredToken: return "StoredToken";
        case MessageType::QueryBoardStats: return "QueryBoardStats";
        case MessageType::BoardStats: return "BoardStats";
        case MessageType::Fault: return "Fault";
    }
    return "unknown";
}

// ---- encode ----------------------------------------------------------------------------

bool encode(const Hello& m, Frame& f) { return start(f, MessageType::Hello).u8(m.protocol).ok(); }

bool encode(const HelloAck& m, Frame& f) {
    return start(f, MessageType::HelloAck)
        .u8(m.protocol)
        .str(m.board_id)
        .str(m.firmware_version)
        .u32(m.capabilities)
        .str(m.chip)
        .str(m.build_id)
        .u32(m.answer_within_ms)
        .ok();
}

bool encode(const Ack& m, Frame& f) { return start(f, MessageType::Ack).u8(wire(m.acked)).ok(); }

bool encode(const Nack& m, Frame& f) { return start(f, MessageType::Nack).u8(wire(m.refused)).str(m.why).ok(); }

bool encode(const ButtonEdge& m, Frame& f) {
    return in_range(m.button, hal::Button::VolumeDown) &&
           start(f, MessageType::ButtonEdge).u8(wire(m.button)).u8(m.pressed ? 1 : 0).ok();
}

bool encode(const Utterance& m, Frame& f) {
    return m.voice <= kMaxVoice && start(f, MessageType::Utterance).u8(m.voice).str(m.text).ok();
}

bool encode(const AudioChunk& m, Frame& f) {
    return m.bytes % 2 == 0 && (m.pcm != nullptr || m.bytes == 0) &&
           start(f, MessageType::AudioChunk).bytes(m.pcm, m.bytes).ok();
}

bool encode_audio(const std::int16_t* samples, std::size_t count, Frame& f) {
    PayloadWriter w = start(f, MessageType::AudioChunk);
    for (std::size_t i = 0; i < count && w.ok(); ++i) {
        const auto v = static_cast<std::uint16_t>(samples[i]);
        w.u16(v);
    }
    return w.ok();
}

bool encode(const Power& m, Frame& f) {
    return in_range(m.action, PowerAction::Reset) && start(f, MessageType::Power).u8(wire(m.action)).ok();
}

bool encode(const TimeGrant& m, Frame& f) { return start(f, MessageType::TimeGrant).u64(m.until_ms).ok(); }

bool encode(const TimeDone& m, Frame& f) {
    return start(f, MessageType::TimeDone).u64(m.now_ms).u8(m.stopped ? 1 : 0).ok();
}

bool encode(const BoardConfig& m, Frame& f) {
    return in_range(m.dialect, fw::AuthDialect::Lwa) &&
           start(f, MessageType::BoardConfig)
               .u64(m.seed)
               .u64(static_cast<std::uint64_t>(m.rtc_unix))
               .str(m.issuer)
               .str(m.client_id)
               .str(m.scope)
               .str(m.product_id)
               .str(m.serial_number)
               .u8(wire(m.dialect))
               .u8(m.fresh ? 1 : 0)
               .ok();
}

bool encode(const SetupCredentials& m, Frame& f) {
    return in_range(m.band, hal::WifiBand::GHz5) &&
           start(f, MessageType::SetupCredentials).str(m.ssid).str(m.password).str(m.account_hint).u8(wire(m.band)).ok();
}

bool encode(const WifiJoin& m, Frame& f) { return start(f, MessageType::WifiJoin).str(m.ssid).str(m.password).ok(); }

bool encode(const WifiLeave&, Frame& f) { return start(f, MessageType::WifiLeave).ok(); }

bool encode(const WifiPreferBand& m, Frame& f) {
    return in_range(m.band, hal::WifiBand::GHz5) && start(f, MessageType::WifiPreferBand).u8(wire(m.band)).ok();
}

bool encode(const WifiResult& m, Frame& f) {
    const hal::WifiFailure failure = m.joined ? hal::WifiFailure::Other : m.failure;
    return in_range(failure, hal::WifiFailure::Lost) &&
           start(f, MessageType::WifiResult).u8(m.joined ? 1 : 0).u8(wire(failure)).ok();
}

bool encode(const SetupReport& m, Frame& f) {
    return in_range(m.progress, hal::SetupProgress::Linked) && start(f, MessageType::SetupReport).u8(wire(m.progress)).ok();
}

bool encode(const HttpRequestHead& m, Frame& f) {
    return in_range(m.method, hal::HttpMethod::Post) &&
           start(f, MessageType::HttpRequest)
               .u16(m.request_id)
               .u8(wire(m.method))
               .str(m.url)
               .str(m.content_type)
               .str(m.authorization)
               .u32(m.body_length)
               .u64(static_cast<std::uint64_t>(m.device_unix))
               .ok();
}

bool encode(const HttpResponseHead& m, Frame& f) {
    return in_range(m.error, hal::TransportError::Broken) &&
           start(f, MessageType::HttpResponse)
               .u16(m.request_id)
               .u8(wire(m.error))
               .u16(m.status)
               .u32(m.retry_after_s)
               .u64(static_cast<std::uint64_t>(m.date_unix))
               .str(m.content_type)
               .u32(m.body_length)
               .ok();
}

bool encode(const HttpBody& m, Frame& f) {
    return start(f, MessageType::HttpBody).u16(m.request_id).u32(m.offset).bytes(m.data.data(), m.data.size()).ok();
}

bool encode(const HttpCancel& m, Frame& f) { return start(f, MessageType::HttpCancel).u16(m.request_id).ok(); }

bool encode(const Boot&, Frame& f) { return start(f, MessageType::Boot).ok(); }

bool decode(const Frame& f, Boot&) { return is(f, MessageType::Boot) && f.length == 0; }

bool encode(const HttpBodyEnd& m, Frame& f) {
    return start(f, MessageType::HttpBodyEnd).u16(m.request_id).u32(m.body_length).ok();
}

bool encode(const Status& m, Frame& f) {
    return in_range(m.device_state, fw::DeviceState::Error) && in_range(m.auth_state, fw::AuthState::Failed) &&
           in_range(m.ring_pattern, fw::RingPattern::SignedOut) &&
           start(f, MessageType::Status)
               .str(fw::to_string(m.device_state))
               .str(fw::to_string(m.auth_state))
               .str(fw::to_string(m.ring_pattern))
               .str(m.user_code)
               .u32(m.audio_samples)
               .ok();
}

bool encode(const SpeechMessage& m, Frame& f) { return start(f, MessageType::Speech).str(m.text).ok(); }

bool encode(const TraceMessage& m, Frame& f) {
    return start(f, MessageType::Trace).u64(m.at_ms).str(m.category).str(m.event).str(m.detail).ok();
}

bool encode(const RingFrameMessage& m, Frame& f) {
    PayloadWriter w = start(f, MessageType::RingFrame);
    for (const hal::Rgb& led : m.frame) w.u8(led.r).u8(led.g).u8(led.b);
    return w.ok();
}

bool encode(const StreamRing& m, Frame& f) { return start(f, MessageType::StreamRing).u8(m.on ? 1 : 0).ok(); }

bool encode(const QueryStoredToken&, Frame& f) { return start(f, MessageType::QueryStoredToken).ok(); }

bool encode(const StoredToken& m, Frame& f) { return start(f, MessageType::StoredToken).str(m.refresh_token).ok(); }

bool encode(const QueryBoardStats&, Frame& f) { return start(f, MessageType::QueryBoardStats).ok(); }

bool encode(const BoardStats& m, Frame& f) {
    return start(f, MessageType::BoardStats)
        .u32(m.stack_size)
        .u32(m.stack_high_water)
        .u32(m.heap_allocations_after_init)
        .u32(m.static_ram)
        .u32(m.flash_used)
        .u32(m.rx_overruns)
        .u32(m.uptime_ms)
        .ok();
}

bool encode(const Fault& m, Frame& f) { return start(f, MessageType::Fault).str(m.what).ok(); }

// ---- decode ----------------------------------------------------------------------------
// Every decoder reads all fields, then asks the reader once whether the payload was exactly
// that long; range checks come last so a short payload is refused whatever its bytes.

bool decode(const Frame& f, Hello& m) {
    if (!is(f, MessageType::Hello)) return false;
    PayloadReader r(f);
    m.protocol = r.u8();
    return r.ok_and_done();
}

bool decode(const Frame& f, HelloAck& m) {
    if (!is(f, MessageType::HelloAck)) return false;
    PayloadReader r(f);
    m.protocol = r.u8();
    m.board_id = r.str();
    m.firmware_version = r.str();
    m.capabilities = r.u32();
    m.chip = {};
    m.build_id = {};
    m.answer_within_ms = 0;
    // Version 2's layout ends here: still a HelloAck, so the handshake can name the version
    // an older board speaks.
    if (r.ok_and_done()) return true;
    m.chip = r.str();
    m.build_id = r.str();
    m.answer_within_ms = r.u32();
    return r.ok_and_done();
}

bool decode(const Frame& f, Ack& m) {
    if (!is(f, MessageType::Ack)) return false;
    PayloadReader r(f);
    m.acked = static_cast<MessageType>(r.u8());
    return r.ok_and_done();
}

bool decode(const Frame& f, Nack& m) {
    if (!is(f, MessageType::Nack)) return false;
    PayloadReader r(f);
    m.refused = static_cast<MessageType>(r.u8());
    m.why = r.str();
    return r.ok_and_done();
}

bool decode(const Frame& f, ButtonEdge& m) {
    if (!is(f, MessageType::ButtonEdge)) return false;
    PayloadReader r(f);
    const bool button_ok = read_enum(r, hal::Button::VolumeDown, m.button);
    const bool pressed_ok = read_flag(r, m.pressed);
    return r.ok_and_done() && button_ok && pressed_ok;
}

bool decode(const Frame& f, Utterance& m) {
    if (!is(f, MessageType::Utterance)) return false;
    PayloadReader r(f);
    m.voice = r.u8();
    m.text = r.str();
    return r.ok_and_done() && m.voice <= kMaxVoice;
}

bool decode(const Frame& f, AudioChunk& m) {
    if (!is(f, MessageType::AudioChunk)) return false;
    PayloadReader r(f);
    const std::string_view pcm = r.rest();
    m.pcm = reinterpret_cast<const std::uint8_t*>(pcm.data());
    m.bytes = pcm.size();
    return r.ok_and_done() && m.bytes % 2 == 0;
}

bool decode(const Frame& f, Power& m) {
    if (!is(f, MessageType::Power)) return false;
    PayloadReader r(f);
    const bool action_ok = read_enum(r, PowerAction::Reset, m.action);
    return r.ok_and_done() && action_ok;
}

bool decode(const Frame& f, TimeGrant& m) {
    if (!is(f, MessageType::TimeGrant)) return false;
    PayloadReader r(f);
    m.until_ms = r.u64();
    return r.ok_and_done();
}

bool decode(const Frame& f, TimeDone& m) {
    if (!is(f, MessageType::TimeDone)) return false;
    PayloadReader r(f);
    m.now_ms = r.u64();
    const bool stopped_ok = read_flag(r, m.stopped);
    return r.ok_and_done() && stopped_ok;
}

bool decode(const Frame& f, BoardConfig& m) {
    if (!is(f, MessageType::BoardConfig)) return false;
    PayloadReader r(f);
    m.seed = r.u64();
    m.rtc_unix = static_cast<std::int64_t>(r.u64());
    m.issuer = r.str();
    m.client_id = r.str();
    m.scope = r.str();
    m.product_id = r.str();
    m.serial_number = r.str();
    const bool dialect_ok = read_enum(r, fw::AuthDialect::Lwa, m.dialect);
    const std::uint8_t fresh = r.u8();
    m.fresh = fresh == 1;
    return r.ok_and_done() && dialect_ok && fresh <= 1;
}

bool decode(const Frame& f, SetupCredentials& m) {
    if (!is(f, MessageType::SetupCredentials)) return false;
    PayloadReader r(f);
    m.ssid = r.str();
    m.password = r.str();
    m.account_hint = r.str();
    const bool band_ok = read_enum(r, hal::WifiBand::GHz5, m.band);
    return r.ok_and_done() && band_ok;
}

bool decode(const Frame& f, WifiJoin& m) {
    if (!is(f, MessageType::WifiJoin)) return false;
    PayloadReader r(f);
    m.ssid = r.str();
    m.password = r.str();
    return r.ok_and_done();
}

bool decode(const Frame& f, WifiLeave&) {
    if (!is(f, MessageType::WifiLeave)) return false;
    return PayloadReader(f).ok_and_done();
}

bool decode(const Frame& f, WifiPreferBand& m) {
    if (!is(f, MessageType::WifiPreferBand)) return false;
    PayloadReader r(f);
    const bool band_ok = read_enum(r, hal::WifiBand::GHz5, m.band);
    return r.ok_and_done() && band_ok;
}

bool decode(const Frame& f, WifiResult& m) {
    if (!is(f, MessageType::WifiResult)) return false;
    PayloadReader r(f);
    const bool joined_ok = read_flag(r, m.joined);
    const bool failure_ok = read_enum(r, hal::WifiFailure::Lost, m.failure);
    return r.ok_and_done() && joined_ok && failure_ok;
}

bool decode(const Frame& f, SetupReport& m) {
    if (!is(f, MessageType::SetupReport)) return false;
    PayloadReader r(f);
    const bool progress_ok = read_enum(r, hal::SetupProgress::Linked, m.progress);
    return r.ok_and_done() && progress_ok;
}

bool decode(const Frame& f, HttpRequestHead& m) {
    if (!is(f, MessageType::HttpRequest)) return false;
    PayloadReader r(f);
    m.request_id = r.u16();
    const bool method_ok = read_enum(r, hal::HttpMethod::Post, m.method);
    m.url = r.str();
    m.content_type = r.str();
    m.authorization = r.str();
    m.body_length = r.u32();
    m.device_unix = static_cast<std::int64_t>(r.u64());
    return r.ok_and_done() && method_ok;
}

bool decode(const Frame& f, HttpResponseHead& m) {
    if (!is(f, MessageType::HttpResponse)) return false;
    PayloadReader r(f);
    m.request_id = r.u16();
    const bool error_ok = read_enum(r, hal::TransportError::Broken, m.error);
    m.status = r.u16();
    m.retry_after_s = r.u32();
    m.date_unix = static_cast<std::int64_t>(r.u64());
    m.content_type = r.str();
    m.body_length = r.u32();
    return r.ok_and_done() && error_ok;
}

bool decode(const Frame& f, HttpBody& m) {
    if (!is(f, MessageType::HttpBody)) return false;
    PayloadReader r(f);
    m.request_id = r.u16();
    m.offset = r.u32();
    m.data = r.rest();
    return r.ok_and_done();
}

bool decode(const Frame& f, HttpCancel& m) {
    if (!is(f, MessageType::HttpCancel)) return false;
    PayloadReader r(f);
    m.request_id = r.u16();
    return r.ok_and_done();
}

bool decode(const Frame& f, HttpBodyEnd& m) {
    if (!is(f, MessageType::HttpBodyEnd)) return false;
    PayloadReader r(f);
    m.request_id = r.u16();
    m.body_length = r.u32();
    return r.ok_and_done();
}

bool decode(const Frame& f, Status& m) {
    if (!is(f, MessageType::Status)) return false;
    PayloadReader r(f);
    const std::string_view device = r.str();
    const std::string_view auth = r.str();
    const std::string_view ring = r.str();
    m.user_code = r.str();
    m.audio_samples = r.u32();
    return r.ok_and_done() && read_state_name(device, m.device_state) && read_state_name(auth, m.auth_state) &&
           read_state_name(ring, m.ring_pattern);
}

bool decode(const Frame& f, SpeechMessage& m) {
    if (!is(f, MessageType::Speech)) return false;
    PayloadReader r(f);
    m.text = r.str();
    return r.ok_and_done();
}

bool decode(const Frame& f, TraceMessage& m) {
    if (!is(f, MessageType::Trace)) return false;
    PayloadReader r(f);
    m.at_ms = r.u64();
    m.category = r.str();
    m.event = r.str();
    m.detail = r.str();
    return r.ok_and_done();
}

bool decode(const Frame& f, RingFrameMessage& m) {
    if (!is(f, MessageType::RingFrame)) return false;
    PayloadReader r(f);
    for (hal::Rgb& led : m.frame) {
        led.r = r.u8();
        led.g = r.u8();
        led.b = r.u8();
    }
    return r.ok_and_done();
}

bool decode(const Frame& f, StreamRing& m) {
    if (!is(f, MessageType::StreamRing)) return false;
    PayloadReader r(f);
    const bool on_ok = read_flag(r, m.on);
    return r.ok_and_done() && on_ok;
}

bool decode(const Frame& f, QueryStoredToken&) {
    if (!is(f, MessageType::QueryStoredToken)) return false;
    return PayloadReader(f).ok_and_done();
}

bool decode(const Frame& f, StoredToken& m) {
    if (!is(f, MessageType::StoredToken)) return false;
    PayloadReader r(f);
    m.refresh_token = r.str();
    return r.ok_and_done();
}

bool decode(const Frame& f, QueryBoardStats&) {
    if (!is(f, MessageType::QueryBoardStats)) return false;
    return PayloadReader(f).ok_and_done();
}

bool decode(const Frame& f, BoardStats& m) {
    if (!is(f, MessageType::BoardStats)) return false;
    PayloadReader r(f);
    m.stack_size = r.u32();
    m.stack_high_water = r.u32();
    m.heap_allocations_after_init = r.u32();
    m.static_ram = r.u32();
    m.flash_used = r.u32();
    m.rx_overruns = r.u32();
    m.uptime_ms = r.u32();
    return r.ok_and_done();
}

bool decode(const Frame& f, Fault& m) {
    if (!is(f, MessageType::Fault)) return false;
    PayloadReader r(f);
    m.what = r.str();
    return r.ok_and_done();
}

} // namespace ringside::hil
