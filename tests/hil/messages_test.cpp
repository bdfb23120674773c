#include <catch2/catch.hpp>

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

#include "hil/protocol/messages.hpp"

using namespace ringside;
using namespace ringside::hil;

namespace {

// Encodes, sends through the wire format byte by byte, and decodes on the other side.
Frame over_the_wire(const Frame& sent) {
    std::vector<std::uint8_t> bytes(kMaxWireSize);
    bytes.resize(encode_frame(sent, bytes.data(), bytes.size()));
    FrameDecoder d;
    for (std::uint8_t b : bytes)
        if (d.push(b) == FrameDecoder::Result::Frame) return d.frame();
    FAIL("the frame did not come through");
    return {};
}

// The decoded message's views point into the frame, so the test keeps each frame alive.
template <typename Message>
struct Received {
    Frame frame;
    Message message;
};
template <typename Message>
Received<Message> round_trip(const Message& sent, MessageType expected_type) {
    Frame f;
    REQUIRE(encode(sent, f));
    CHECK(f.type == expected_type);
    Received<Message> got;
    got.frame = over_the_wire(f);
    REQUIRE(decode(got.frame, got.message));
    return got;
}

// Any other type than the frame's, to check that a decoder looks at the type first.
MessageType other_than(MessageType t) { return t == MessageType::Speech ? MessageType::Trace : MessageType::Speech; }

// A truncated payload, an extra byte and the wrong type are all refused.
template <typename Message>
void refuses_damage(const Message& sent, bool payload_is_open_ended = false) {
    Frame f;
    REQUIRE(encode(sent, f));
    Message m;
    REQUIRE(decode(f, m));
    Frame wrong_type = f;
    wrong_type.type = other_than(f.type);
    CHECK_FALSE(decode(wrong_type, m));
    if (f.length > 0) {
        Frame truncated = f;
        truncated.length = static_cast<std::uint16_t>(truncated.length - 1);
        CHECK_FALSE(decode(truncated, m));
    }
    if (!payload_is_open_ended) {
        Frame padded = f;
        padded.payload[padded.length++] = 0;
        CHECK_FALSE(decode(padded, m));
    }
}

// The message with the byte at `offset` replaced by `value` is refused (a bad enum value).
template <typename Message>
void refuses_value(const Message& sent, std::size_t offset, std::uint8_t value) {
    Frame f;
    REQUIRE(encode(sent, f));
    REQUIRE(offset < f.length);
    f.payload[offset] = value;
    Message m;
    CHECK_FALSE(decode(f, m));
}

std::string_view text(const std::vector<std::uint8_t>& bytes) {
    return std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

} // namespace

TEST_CASE("protocol version 4 with the documented type values", "[hil]") {
    CHECK(kProtocolVersion == 4);
    CHECK(static_cast<int>(MessageType::Ack) == 0x03);
    CHECK(static_cast<int>(MessageType::BoardConfig) == 0x17);
    CHECK(static_cast<int>(MessageType::StreamRing) == 0x1A);
    CHECK(static_cast<int>(MessageType::Status) == 0x22);
    CHECK(static_cast<int>(MessageType::HttpBody) == 0x28);
    CHECK(static_cast<int>(MessageType::StoredToken) == 0x2E);
    CHECK(static_cast<int>(MessageType::HttpBodyEnd) == 0x31);
    CHECK(static_cast<int>(MessageType::Boot) == 0x32);
    CHECK(is_known(MessageType::Boot));
    CHECK(is_known(MessageType::HttpBodyEnd));
    CHECK(is_known(MessageType::WifiPreferBand));
    CHECK_FALSE(is_known(static_cast<MessageType>(0x21)));  // v1's PatternChange: gone
    CHECK(to_string(MessageType::HttpResponse) == "HttpResponse");
    CHECK(kCapConfigurable == 1u << 3);
    CHECK(kCapTestFace == 1u << 4);
    CHECK(kCapBoardStats == 1u << 5);
    CHECK(static_cast<int>(MessageType::QueryBoardStats) == 0x1B);
    CHECK(static_cast<int>(MessageType::BoardStats) == 0x2F);
    CHECK(static_cast<int>(MessageType::Fault) == 0x30);
    CHECK(is_known(MessageType::Fault));
    CHECK(to_string(MessageType::QueryBoardStats) == "QueryBoardStats");
    CHECK(to_string(MessageType::BoardStats) == "BoardStats");
    CHECK(to_string(MessageType::Fault) == "Fault");
}

TEST_CASE("every message round-trips through the wire format", "[hil]") {
    {
        auto got = round_trip(Hello{}, MessageType::Hello);
        CHECK(got.message.protocol == 4);
    }
    {
        const std::uint32_t caps = kCapLockstep | kCapHttpTunnel | kCapConfigurable | kCapTestFace;
        auto got = round_trip(HelloAck{kProtocolVersion, "RS0000000042", "1.4.2", caps, {}, {}}, MessageType::HelloAck);
        CHECK(got.message.protocol == 4);
        CHECK(got.message.board_id == "RS0000000042");
        CHECK(got.message.firmware_version == "1.4.2");
        CHECK(got.message.capabilities == caps);
        CHECK(got.message.chip.empty());
        CHECK(got.message.build_id.empty());
    }
    {
        const HelloAck sent{kProtocolVersion, "qemu-netduinoplus2", "0.1", kCapBoardStats, "STM32F405",
                            "247cf7d60fb9eadc4aa83f15c2d99b7adaf4316f"};
        auto got = round_trip(sent, MessageType::HelloAck);
        CHECK(got.message.board_id == "qemu-netduinoplus2");
        CHECK(got.message.capabilities == kCapBoardStats);
        CHECK(got.message.chip == "STM32F405");
        CHECK(got.message.build_id == "247cf7d60fb9eadc4aa83f15c2d99b7adaf4316f");
    }
    {
        auto got = round_trip(Ack{MessageType::BoardConfig}, MessageType::Ack);
        CHECK(got.message.acked == MessageType::BoardConfig);
    }
    {
        auto got = round_trip(Nack{static_cast<MessageType>(0x7F), "unknown message type"}, MessageType::Nack);
        CHECK(got.message.refused == static_cast<MessageType>(0x7F));  // a Nack may name a type it does not know
        CHECK(got.message.why == "unknown message type");
    }
    {
        auto got = round_trip(ButtonEdge{hal::Button::VolumeDown, true}, MessageType::ButtonEdge);
        CHECK(got.message.button == hal::Button::VolumeDown);
        CHECK(got.message.pressed);
    }
    {
        auto got = round_trip(Utterance{7, "alexa what time is it"}, MessageType::Utterance);
        CHECK(got.message.voice == 7);
        CHECK(got.message.text == "alexa what time is it");
    }
    {
        const std::int16_t samples[] = {0, 1, -1, 32767, -32768, 8000};
        Frame f;
        REQUIRE(encode_audio(samples, 6, f));
        CHECK(f.length == 12);
        CHECK(f.payload[4] == 0xFF);  // -1 little-endian
        const Frame got_frame = over_the_wire(f);
        AudioChunk chunk;
        REQUIRE(decode(got_frame, chunk));
        REQUIRE(chunk.sample_count() == 6);
        for (std::size_t i = 0; i < 6; ++i) CHECK(chunk.sample(i) == samples[i]);
        auto again = round_trip(chunk, MessageType::AudioChunk);
        CHECK(again.message.bytes == 12);
        CHECK(again.message.sample(3) == 32767);
    }
    for (PowerAction action : {PowerAction::On, PowerAction::Off, PowerAction::Reset}) {
        auto got = round_trip(Power{action}, MessageType::Power);
        CHECK(got.message.action == action);
    }
    {
        auto got = round_trip(TimeGrant{86'400'000ull * 400 + 7}, MessageType::TimeGrant);  // past 2^32 ms
        CHECK(got.message.until_ms == 86'400'000ull * 400 + 7);
    }
    {
        auto got = round_trip(TimeDone{5'000'000'000ull, true}, MessageType::TimeDone);
        CHECK(got.message.now_ms == 5'000'000'000ull);
        CHECK(got.message.stopped);
        CHECK_FALSE(round_trip(TimeDone{1, false}, MessageType::TimeDone).message.stopped);
    }
    {
        const BoardConfig sent{0xDEADBEEFCAFEF00Dull, -86'400, "https://auth.ringside.test", "ringside-speaker",
                               "alexa:all", "RS-ONE", "RS0000000042", fw::AuthDialect::Lwa};
        auto got = round_trip(sent, MessageType::BoardConfig);
        CHECK(got.message.seed == 0xDEADBEEFCAFEF00Dull);
        CHECK(got.message.rtc_unix == -86'400);  // two's complement: before 1970 survives
        CHECK(got.message.issuer == "https://auth.ringside.test");
        CHECK(got.message.client_id == "ringside-speaker");
        CHECK(got.message.scope == "alexa:all");
        CHECK(got.message.product_id == "RS-ONE");
        CHECK(got.message.serial_number == "RS0000000042");
        CHECK(got.message.dialect == fw::AuthDialect::Lwa);
    }
    {
        auto got = round_trip(SetupCredentials{"Home", "wifi-secret-pw", "jane@example.com", hal::WifiBand::GHz5},
                              MessageType::SetupCredentials);
        CHECK(got.message.ssid == "Home");
        CHECK(got.message.password == "wifi-secret-pw");
        CHECK(got.message.account_hint == "jane@example.com");
        CHECK(got.message.band == hal::WifiBand::GHz5);
    }
    {
        auto got = round_trip(WifiJoin{"Home", "pw"}, MessageType::WifiJoin);
        CHECK(got.message.ssid == "Home");
        CHECK(got.message.password == "pw");
    }
    {
        Frame f;
        REQUIRE(encode(WifiLeave{}, f));
        CHECK(f.length == 0);
        round_trip(WifiLeave{}, MessageType::WifiLeave);
    }
    {
        auto got = round_trip(WifiPreferBand{hal::WifiBand::GHz2_4}, MessageType::WifiPreferBand);
        CHECK(got.message.band == hal::WifiBand::GHz2_4);
    }
    {
        auto failed = round_trip(WifiResult{false, hal::WifiFailure::WrongPassword}, MessageType::WifiResult);
        CHECK_FALSE(failed.message.joined);
        CHECK(failed.message.failure == hal::WifiFailure::WrongPassword);
        auto joined = round_trip(WifiResult{true, hal::WifiFailure::NotFound}, MessageType::WifiResult);
        CHECK(joined.message.joined);
        CHECK(joined.message.failure == hal::WifiFailure::Other);  // a join has no failure reason
        auto lost = round_trip(WifiResult{false, hal::WifiFailure::Lost}, MessageType::WifiResult);
        CHECK(lost.message.failure == hal::WifiFailure::Lost);
    }
    {
        auto got = round_trip(SetupReport{hal::SetupProgress::CodeShown}, MessageType::SetupReport);
        CHECK(got.message.progress == hal::SetupProgress::CodeShown);
    }
    {
        const HttpRequestHead sent{0x4001, hal::HttpMethod::Post, "https://auth.ringside.test/oauth2/token",
                                   "application/x-www-form-urlencoded", "Bearer Atza|x", 1234, -86'400};
        auto got = round_trip(sent, MessageType::HttpRequest);
        CHECK(got.message.request_id == 0x4001);
        CHECK(got.message.method == hal::HttpMethod::Post);
        CHECK(got.message.url == sent.url);
        CHECK(got.message.content_type == sent.content_type);
        CHECK(got.message.authorization == "Bearer Atza|x");
        CHECK(got.message.body_length == 1234);
        CHECK(got.message.device_unix == -86'400);  // a clock before 1970 survives
    }
    {
        const HttpResponseHead sent{0x8000, hal::TransportError::None, 429, 30, 1'764'028'800, "application/json", 99};
        auto got = round_trip(sent, MessageType::HttpResponse);
        CHECK(got.message.request_id == 0x8000);
        CHECK(got.message.error == hal::TransportError::None);
        CHECK(got.message.status == 429);
        CHECK(got.message.retry_after_s == 30);
        CHECK(got.message.date_unix == 1'764'028'800);
        CHECK(got.message.content_type == "application/json");
        CHECK(got.message.body_length == 99);
        auto broken = round_trip(HttpResponseHead{1, hal::TransportError::Broken, 0, 0, 0, "", 0}, MessageType::HttpResponse);
        CHECK(broken.message.error == hal::TransportError::Broken);
    }
    {
        const std::vector<std::uint8_t> bytes{'{', 0, '}', 0xFF, 0x00};  // a body is bytes, zeros included
        auto got = round_trip(HttpBody{7, 2048, text(bytes)}, MessageType::HttpBody);
        CHECK(got.message.request_id == 7);
        CHECK(got.message.offset == 2048);
        CHECK(got.message.data == text(bytes));
        const std::string biggest(kMaxBodyPiece, 'b');
        CHECK(round_trip(HttpBody{7, 0, biggest}, MessageType::HttpBody).message.data.size() == kMaxBodyPiece);
        Frame f;
        CHECK_FALSE(encode(HttpBody{7, 0, std::string(kMaxBodyPiece + 1, 'b')}, f));
    }
    {
        auto got = round_trip(HttpCancel{0x3FFF}, MessageType::HttpCancel);
        CHECK(got.message.request_id == 0x3FFF);
    }
    {
        round_trip(Boot{}, MessageType::Boot);
        Frame f;
        REQUIRE(encode(Boot{}, f));
        f.length = 1;  // a Boot carries nothing
        Boot boot;
        CHECK_FALSE(decode(f, boot));
    }
    {
        auto got = round_trip(HttpBodyEnd{0x3FFE, 96'000}, MessageType::HttpBodyEnd);
        CHECK(got.message.request_id == 0x3FFE);
        CHECK(got.message.body_length == 96'000);
    }
    {
        const Status sent{fw::DeviceState::Authorizing, fw::AuthState::AwaitingApproval, fw::RingPattern::Authorizing,
                          "BCDF-GHJK", 48'000};
        auto got = round_trip(sent, MessageType::Status);
        CHECK(got.message.device_state == fw::DeviceState::Authorizing);
        CHECK(got.message.auth_state == fw::AuthState::AwaitingApproval);
        CHECK(got.message.ring_pattern == fw::RingPattern::Authorizing);
        CHECK(got.message.user_code == "BCDF-GHJK");
        CHECK(got.message.audio_samples == 48'000);
        // The names on the wire are docs/states.md's.
        Frame f;
        REQUIRE(encode(sent, f));
        const std::string payload(reinterpret_cast<const char*>(f.payload.data()), f.length);
        CHECK(payload.find("authorizing") != std::string::npos);
        CHECK(payload.find("awaiting_approval") != std::string::npos);
    }
    {
        auto got = round_trip(SpeechMessage{"It's ten past three."}, MessageType::Speech);
        CHECK(got.message.text == "It's ten past three.");
    }
    {
        auto got = round_trip(TraceMessage{2700, "auth", "state", "discovering"}, MessageType::Trace);
        CHECK(got.message.at_ms == 2700);
        CHECK(got.message.category == "auth");
        CHECK(got.message.event == "state");
        CHECK(got.message.detail == "discovering");
    }
    {
        RingFrameMessage ring;
        for (std::size_t i = 0; i < ring.frame.size(); ++i) ring.frame[i] = hal::Rgb{255, static_cast<std::uint8_t>(i * 10), 0};
        Frame f;
        REQUIRE(encode(ring, f));
        CHECK(f.length == 36);
        CHECK(round_trip(ring, MessageType::RingFrame).message.frame == ring.frame);
    }
    {
        CHECK(round_trip(StreamRing{true}, MessageType::StreamRing).message.on);
        CHECK_FALSE(round_trip(StreamRing{false}, MessageType::StreamRing).message.on);
    }
    round_trip(QueryStoredToken{}, MessageType::QueryStoredToken);
    {
        auto got = round_trip(StoredToken{"Atzr|refresh-secret-1"}, MessageType::StoredToken);
        CHECK(got.message.refresh_token == "Atzr|refresh-secret-1");
        CHECK(round_trip(StoredToken{}, MessageType::StoredToken).message.refresh_token.empty());
    }
}

TEST_CASE("board stats and a fault round-trip, and a HelloAck of the layout before chip and build id still reads",
          "[hil]") {
    {
        Frame f;
        REQUIRE(encode(QueryBoardStats{}, f));
        CHECK(f.length == 0);
        round_trip(QueryBoardStats{}, MessageType::QueryBoardStats);
    }
    {
        const BoardStats sent{8192, 1480, 2, 23484, 15320, 7, 0xFFFFFFF0u};
        auto got = round_trip(sent, MessageType::BoardStats);
        CHECK(got.frame.length == 28);  // seven u32
        CHECK(got.message.stack_size == 8192);
        CHECK(got.message.stack_high_water == 1480);
        CHECK(got.message.heap_allocations_after_init == 2);
        CHECK(got.message.static_ram == 23484);
        CHECK(got.message.flash_used == 15320);
        CHECK(got.message.rx_overruns == 7);
        CHECK(got.message.uptime_ms == 0xFFFFFFF0u);
    }
    {
        auto got = round_trip(Fault{"HardFault: pc 0x08000f6c, CFSR 0x00008200 (PRECISERR)"}, MessageType::Fault);
        CHECK(got.message.what == "HardFault: pc 0x08000f6c, CFSR 0x00008200 (PRECISERR)");
    }
    {
        // What a board built before chip and build id sends: protocol, two strings, caps.
        Frame f;
        f.type = MessageType::HelloAck;
        const std::uint8_t old_layout[] = {2, 2, 0, 'b', '1', 1, 0, 'v', 5, 0, 0, 0};
        std::copy(std::begin(old_layout), std::end(old_layout), f.payload.begin());
        f.length = sizeof old_layout;
        HelloAck m;
        m.chip = "stale";
        REQUIRE(decode(f, m));
        CHECK(m.board_id == "b1");
        CHECK(m.firmware_version == "v");
        CHECK(m.capabilities == 5);
        CHECK(m.chip.empty());
        CHECK(m.build_id.empty());
    }
}

TEST_CASE("every decoder refuses the wrong type, a truncated payload and an extra byte", "[hil]") {
    refuses_damage(Hello{});
    refuses_damage(HelloAck{kProtocolVersion, "b", "v", kCapLockstep, {}, {}});
    refuses_damage(HelloAck{kProtocolVersion, "b", "v", kCapLockstep, "STM32F405", "0123abcd"});
    refuses_damage(Ack{MessageType::Power});
    refuses_damage(Nack{MessageType::Power, "why"});
    refuses_damage(ButtonEdge{hal::Button::MicMute, true});
    refuses_damage(Utterance{1, "alexa stop"});
    {
        const std::int16_t samples[] = {1, 2, 3};
        Frame f;
        REQUIRE(encode_audio(samples, 3, f));
        AudioChunk chunk;
        REQUIRE(decode(f, chunk));
        refuses_damage(chunk);  // one byte more or less is half a sample
    }
    refuses_damage(Power{PowerAction::Off});
    refuses_damage(TimeGrant{10});
    refuses_damage(TimeDone{10, false});
    refuses_damage(BoardConfig{1, 2, "i", "c", "s", "p", "n", fw::AuthDialect::Rfc8628});
    refuses_damage(SetupCredentials{"Home", "pw", "jane", hal::WifiBand::Any});
    refuses_damage(WifiJoin{"Home", "pw"});
    refuses_damage(WifiLeave{});
    refuses_damage(WifiPreferBand{hal::WifiBand::GHz5});
    refuses_damage(WifiResult{false, hal::WifiFailure::NotFound});
    refuses_damage(SetupReport{hal::SetupProgress::Linked});
    refuses_damage(HttpRequestHead{1, hal::HttpMethod::Get, "https://a/b", "", "", 0});
    refuses_damage(HttpResponseHead{1, hal::TransportError::None, 200, 0, 0, "application/json", 5});
    refuses_damage(HttpCancel{1});
    refuses_damage(HttpBodyEnd{1, 2});
    refuses_damage(Status{fw::DeviceState::Setup, fw::AuthState::Unlinked, fw::RingPattern::Setup, "", 0});
    refuses_damage(SpeechMessage{"Hello"});
    refuses_damage(TraceMessage{1, "a", "b", "c"});
    refuses_damage(RingFrameMessage{});
    refuses_damage(StreamRing{true});
    refuses_damage(QueryStoredToken{});
    refuses_damage(StoredToken{"Atzr|x"});
    refuses_damage(QueryBoardStats{});
    refuses_damage(BoardStats{1, 2, 3, 4, 5, 6, 7});
    refuses_damage(Fault{"assertion failed"});
    {
        // HttpBody's data is the rest of the payload, so an extra byte is more data; what
        // cannot be cut is its head (request id and offset).
        refuses_damage(HttpBody{1, 0, ""}, /*payload_is_open_ended=*/true);
        Frame f;
        REQUIRE(encode(HttpBody{1, 0, ""}, f));
        HttpBody m;
        for (std::uint16_t n = 0; n < 6; ++n) {
            f.length = n;
            CHECK_FALSE(decode(f, m));
        }
    }
}

TEST_CASE("every decoder with an enumerated field refuses a value out of range", "[hil]") {
    refuses_value(ButtonEdge{hal::Button::Action, false}, 0, 4);        // button
    refuses_value(ButtonEdge{hal::Button::Action, false}, 1, 2);        // pressed is 0/1
    refuses_value(Utterance{0, "hi"}, 0, 8);                            // voice 0..7
    refuses_value(Power{PowerAction::On}, 0, 3);
    refuses_value(TimeDone{0, false}, 8, 2);                            // stopped is 0/1
    const BoardConfig config{1, 2, "", "", "", "", "", fw::AuthDialect::Rfc8628};
    refuses_value(config, 8 + 8 + 5 * 2, 2);                            // dialect 0/1
    refuses_value(SetupCredentials{"", "", "", hal::WifiBand::Any}, 6, 3);  // band 0..2
    refuses_value(WifiPreferBand{hal::WifiBand::Any}, 0, 3);
    refuses_value(WifiResult{false, hal::WifiFailure::Other}, 0, 2);    // joined 0/1
    refuses_value(WifiResult{false, hal::WifiFailure::Other}, 1, 4);    // failure 0..3
    refuses_value(SetupReport{hal::SetupProgress::Received}, 0, 7);     // progress 0..6
    refuses_value(HttpRequestHead{1, hal::HttpMethod::Get, "", "", "", 0}, 2, 2);                  // method 0/1
    refuses_value(HttpResponseHead{1, hal::TransportError::None, 200, 0, 0, "", 0}, 2, 6);         // error 0..5
    refuses_value(StreamRing{false}, 0, 2);
    // Status carries state names: an unknown one, or one in the wrong case, is refused.
    const Status status{fw::DeviceState::Setup, fw::AuthState::Unlinked, fw::RingPattern::Setup, "", 0};
    refuses_value(status, 2, 'S');  // "Setup": parse would forgive it, the wire does not
    refuses_value(status, 2, 'x');  // "xetup"

    // And encoders refuse what the wire cannot carry instead of sending it.
    Frame f;
    CHECK_FALSE(encode(ButtonEdge{static_cast<hal::Button>(9), true}, f));
    CHECK_FALSE(encode(Utterance{8, "hi"}, f));
    CHECK_FALSE(encode(Power{static_cast<PowerAction>(3)}, f));
    CHECK_FALSE(encode(SetupReport{static_cast<hal::SetupProgress>(7)}, f));
    CHECK_FALSE(encode(Status{static_cast<fw::DeviceState>(7), fw::AuthState::Unlinked, fw::RingPattern::Off, "", 0}, f));
    const std::uint8_t odd[3] = {1, 2, 3};
    CHECK_FALSE(encode(AudioChunk{odd, 3}, f));
}

TEST_CASE("a message too long for one frame is refused, not cut", "[hil]") {
    Frame f;
    const std::string long_text(kMaxPayload, 'a');  // plus its 2-byte length: too long
    CHECK_FALSE(encode(SpeechMessage{long_text}, f));
    CHECK(encode(SpeechMessage{std::string(kMaxPayload - 2, 'a')}, f));
    const std::string long_auth(kMaxPayload, 'x');
    CHECK_FALSE(encode(HttpRequestHead{1, hal::HttpMethod::Post, "https://a/b", "", long_auth, 0}, f));
}
