#pragma once
// The link's messages (docs/hil_protocol.md, version 2) and their payload layouts.
// encode() fills a frame's type and payload (sequence numbering is the link's job) and
// returns false when the message does not fit one frame or holds a value the wire cannot
// carry; decode() returns false unless the frame is of that type and its payload is exactly
// that layout with every enumerated field in range. Views in decoded messages point into
// the frame: they live as long as it does and no longer.
// Who may call: anyone (the board agent and the host driver). Portable: no heap, no
// exceptions.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "firmware/core/device_config.hpp"
#include "firmware/core/states.hpp"
#include "firmware/hal/buttons.hpp"
#include "firmware/hal/http_client.hpp"
#include "firmware/hal/led_ring.hpp"
#include "firmware/hal/setup_channel.hpp"
#include "firmware/hal/wifi.hpp"
#include "hil/protocol/frame.hpp"

namespace ringside::hil {

// What a board can do, announced in HelloAck. A board refuses (Nack) what it did not announce.
enum Capability : std::uint32_t {
    kCapLockstep = 1u << 0,      // runs its clock only as far as TimeGrant allows
    kCapAudio = 1u << 1,         // accepts AudioChunk
    kCapHttpTunnel = 1u << 2,    // sends its cloud traffic as HttpRequest
    kCapConfigurable = 1u << 3,  // takes BoardConfig (seed, RTC, identity)
    kCapTestFace = 1u << 4,      // answers QueryStoredToken
    kCapBoardStats = 1u << 5,    // answers QueryBoardStats
};

// Room for one HttpBody piece: the payload minus request_id (2) and offset (4).
inline constexpr std::size_t kMaxBodyPiece = kMaxPayload - 6;
// Utterance voices, as the tone modem knows them (common/tone_modem.hpp).
inline constexpr std::uint8_t kMaxVoice = 7;

// The type's name as docs/hil_protocol.md writes it ("unknown" for other values); for logs.
std::string_view to_string(MessageType type);

struct Hello {
    std::uint8_t protocol = kProtocolVersion;
};
struct HelloAck {
    std::uint8_t protocol = kProtocolVersion;
    std::string_view board_id;          // e.g. a serial number
    std::string_view firmware_version;
    std::uint32_t capabilities = 0;     // Capability bits; unknown bits are kept, not refused
    // What runs the firmware and which build it is. Appended to the layout: a HelloAck
    // without them (a board built before they existed) decodes with both empty.
    std::string_view chip;              // e.g. "STM32F405"; the emulator names itself
    std::string_view build_id;          // e.g. the image's GNU build-id in hex
    // The longest the board may take to answer anything (a grant it must run, a Power on
    // that builds the firmware), wall time; 0 makes no claim. A slow board (an emulated MCU,
    // a sanitizer build) says so here, and the host waits that long before it gives up.
    std::uint32_t answer_within_ms = 0;
};
// Ack and Nack name the message they answer by its type; any u8 is carried, so a board can
// Nack a type it does not know.
struct Ack {
    MessageType acked = MessageType::Power;
};
struct Nack {
    MessageType refused = MessageType::Power;
    std::string_view why;  // for a person reading the host's error
};
struct ButtonEdge {
    hal::Button button = hal::Button::Action;
    bool pressed = false;
};
struct Utterance {
    std::uint8_t voice = 0;  // household member's voice, 0..kMaxVoice
    std::string_view text;
};
// 16-bit little-endian PCM at 8 kHz, as the bytes on the wire (any alignment).
struct AudioChunk {
    const std::uint8_t* pcm = nullptr;
    std::size_t bytes = 0;  // even
    std::size_t sample_count() const { return bytes / 2; }
    std::int16_t sample(std::size_t i) const {
        return static_cast<std::int16_t>(static_cast<std::uint16_t>(pcm[2 * i] | (pcm[2 * i + 1] << 8)));
    }
};
enum class PowerAction : std::uint8_t { On, Off, Reset };
struct Power {
    PowerAction action = PowerAction::On;
};
struct TimeGrant {
    std::uint64_t until_ms = 0;  // world time the board may run up to (inclusive)
};
struct TimeDone {
    std::uint64_t now_ms = 0;  // world time the board stands at
    bool stopped = false;      // it stopped at the end of an instant with something to say
};
struct BoardConfig {
    std::uint64_t seed = 0;
    std::int64_t rtc_unix = 0;  // unix seconds for the RTC (before 1970 allowed)
    std::string_view issuer, client_id, scope, product_id, serial_number;
    fw::AuthDialect dialect = fw::AuthDialect::Rfc8628;
    // A new world (a scenario starts): whatever the board was doing ends — powered off, its
    // flash blank, its world clock back at 0 — and it is made anew with all of the above.
    // Not fresh: a reflash of the client id while off, everything else (flash too) kept.
    bool fresh = true;
};
struct SetupCredentials {
    std::string_view ssid, password, account_hint;
    hal::WifiBand band = hal::WifiBand::Any;
};
struct WifiJoin {
    std::string_view ssid, password;
};
struct WifiLeave {};
struct WifiPreferBand {
    hal::WifiBand band = hal::WifiBand::Any;
};
struct WifiResult {
    bool joined = false;
    hal::WifiFailure failure = hal::WifiFailure::Other;  // meaningful when !joined
};
struct SetupReport {
    hal::SetupProgress progress = hal::SetupProgress::Received;
};
// body_length of a streamed request (HttpRequest::body_follows): its size is known only when
// its HttpBodyEnd comes.
inline constexpr std::uint32_t kStreamedBody = 0xFFFFFFFFu;

// The head of a tunnelled request; its body follows in HttpBody pieces (none if empty).
struct HttpRequestHead {
    hal::RequestId request_id = 0;
    hal::HttpMethod method = hal::HttpMethod::Get;
    std::string_view url, content_type, authorization;
    std::uint32_t body_length = 0;  // bytes, or kStreamedBody
    // The board's calendar clock (unix seconds) as it sends: the certificate a TLS stack
    // would check against it is the host relay's to check.
    std::int64_t device_unix = 0;
};
// The head of an answer; its body follows in HttpBody pieces (none if empty).
struct HttpResponseHead {
    hal::RequestId request_id = 0;
    hal::TransportError error = hal::TransportError::None;
    std::uint16_t status = 0;  // valid when error == None
    std::uint32_t retry_after_s = 0;
    std::int64_t date_unix = 0;  // 0 when the answer had no Date
    std::string_view content_type;
    std::uint32_t body_length = 0;  // bytes
};
struct HttpBody {
    hal::RequestId request_id = 0;
    std::uint32_t offset = 0;  // of data[0] within the whole body
    std::string_view data;     // at most kMaxBodyPiece bytes; any bytes, not only text
};
struct HttpCancel {
    hal::RequestId request_id = 0;
};
// The board has just started (power-on, reset): sent once, unasked, numbered 0. A host
// shaking hands sends Hello at once; one with a link up knows the board restarted.
struct Boot {};
// A streamed request's body is whole: `body_length` bytes went in HttpBody pieces before it.
struct HttpBodyEnd {
    hal::RequestId request_id = 0;
    std::uint32_t body_length = 0;
};
// What the board shows, sent whenever any field changes. States travel as their names
// (docs/states.md), so a decoder refuses a name it does not know.
struct Status {
    fw::DeviceState device_state = fw::DeviceState::Off;
    fw::AuthState auth_state = fw::AuthState::Unlinked;
    fw::RingPattern ring_pattern = fw::RingPattern::Off;
    std::string_view user_code;  // empty when none is shown
    std::uint32_t audio_samples = 0;
};
struct SpeechMessage {
    std::string_view text;
};
struct TraceMessage {
    std::uint64_t at_ms = 0;  // world time
    std::string_view category, event, detail;
};
struct RingFrameMessage {
    hal::RingFrame frame{};
};
struct StreamRing {
    bool on = false;
};
struct QueryStoredToken {};
struct StoredToken {
    std::string_view refresh_token;  // empty when the flash holds none
};
struct QueryBoardStats {};
// A board's own figures, for budgets and bring-up (all bytes unless named otherwise).
struct BoardStats {
    std::uint32_t stack_size = 0;                   // the main stack's reservation
    std::uint32_t stack_high_water = 0;             // of it, the most ever used (painted stack)
    std::uint32_t heap_allocations_after_init = 0;  // count; goal 0
    std::uint32_t static_ram = 0;                   // .data + .bss
    std::uint32_t flash_used = 0;                   // the image in flash
    std::uint32_t rx_overruns = 0;                  // count of received bytes the UART lost
    std::uint32_t uptime_ms = 0;                    // since reset (wraps after 49 days)
};
// The board is about to halt: a heap allocation after start-up, a HardFault, a failed
// assert... `what` is for a person (the host quotes it in its error).
struct Fault {
    std::string_view what;
};

bool encode(const Hello& m, Frame& f);
bool encode(const HelloAck& m, Frame& f);
bool encode(const Ack& m, Frame& f);
bool encode(const Nack& m, Frame& f);
bool encode(const ButtonEdge& m, Frame& f);
bool encode(const Utterance& m, Frame& f);
bool encode(const AudioChunk& m, Frame& f);
bool encode(const Power& m, Frame& f);
bool encode(const TimeGrant& m, Frame& f);
bool encode(const TimeDone& m, Frame& f);
bool encode(const BoardConfig& m, Frame& f);
bool encode(const SetupCredentials& m, Frame& f);
bool encode(const WifiJoin& m, Frame& f);
bool encode(const WifiLeave& m, Frame& f);
bool encode(const WifiPreferBand& m, Frame& f);
bool encode(const WifiResult& m, Frame& f);
bool encode(const SetupReport& m, Frame& f);
bool encode(const HttpRequestHead& m, Frame& f);
bool encode(const HttpResponseHead& m, Frame& f);
bool encode(const HttpBody& m, Frame& f);
bool encode(const HttpCancel& m, Frame& f);
bool encode(const HttpBodyEnd& m, Frame& f);
bool encode(const Boot& m, Frame& f);
bool encode(const Status& m, Frame& f);
bool encode(const SpeechMessage& m, Frame& f);
bool encode(const TraceMessage& m, Frame& f);
bool encode(const RingFrameMessage& m, Frame& f);
bool encode(const StreamRing& m, Frame& f);
bool encode(const QueryStoredToken& m, Frame& f);
bool encode(const StoredToken& m, Frame& f);
bool encode(const QueryBoardStats& m, Frame& f);
bool encode(const BoardStats& m, Frame& f);
bool encode(const Fault& m, Frame& f);
// AudioChunk from samples in host byte order: writes them little-endian.
bool encode_audio(const std::int16_t* samples, std::size_t count, Frame& f);

bool decode(const Frame& f, Hello& m);
bool decode(const Frame& f, HelloAck& m);
bool decode(const Frame& f, Ack& m);
bool decode(const Frame& f, Nack& m);
bool decode(const Frame& f, ButtonEdge& m);
bool decode(const Frame& f, Utterance& m);
bool decode(const Frame& f, AudioChunk& m);
bool decode(const Frame& f, Power& m);
bool decode(const Frame& f, TimeGrant& m);
bool decode(const Frame& f, TimeDone& m);
bool decode(const Frame& f, BoardConfig& m);
bool decode(const Frame& f, SetupCredentials& m);
bool decode(const Frame& f, WifiJoin& m);
bool decode(const Frame& f, WifiLeave& m);
bool decode(const Frame& f, WifiPreferBand& m);
bool decode(const Frame& f, WifiResult& m);
bool decode(const Frame& f, SetupReport& m);
bool decode(const Frame& f, HttpRequestHead& m);
bool decode(const Frame& f, HttpResponseHead& m);
bool decode(const Frame& f, HttpBody& m);
bool decode(const Frame& f, HttpCancel& m);
bool decode(const Frame& f, HttpBodyEnd& m);
bool decode(const Frame& f, Boot& m);
bool decode(const Frame& f, Status& m);
bool decode(const Frame& f, SpeechMessage& m);
bool decode(const Frame& f, TraceMessage& m);
bool decode(const Frame& f, RingFrameMessage& m);
bool decode(const Frame& f, StreamRing& m);
bool decode(const Frame& f, QueryStoredToken& m);
bool decode(const Frame& f, StoredToken& m);
bool decode(const Frame& f, QueryBoardStats& m);
bool decode(const Frame& f, BoardStats& m);
bool decode(const Frame& f, Fault& m);

} // namespace ringside::hil
