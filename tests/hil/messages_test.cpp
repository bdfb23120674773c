#include <catch2/catch.hpp>

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

} // namespace

TEST_CASE("control messages round-trip through the wire format", "[hil]") {
    Frame f;
    REQUIRE(encode(HelloAck{kProtocolVersion, "RS0000000042", "1.4.2", kCapLockstep | kCapHttpTunnel}, f));
    Frame got = over_the_wire(f);
    HelloAck ack;
    REQUIRE(decode(got, ack));
    CHECK(ack.board_id == "RS0000000042");
    CHECK(ack.firmware_version == "1.4.2");
    CHECK(ack.capabilities == (kCapLockstep | kCapHttpTunnel));

    REQUIRE(encode(ButtonEdge{0, true}, f));
    ButtonEdge edge;
    REQUIRE(decode(over_the_wire(f), edge));
    CHECK(edge.pressed);

    REQUIRE(encode(TimeGrant{33}, f));
    TimeGrant grant;
    REQUIRE(decode(over_the_wire(f), grant));
    CHECK(grant.ms == 33);

    REQUIRE(encode(TimeDone{86'400'123ull}, f));
    TimeDone done;
    REQUIRE(decode(over_the_wire(f), done));
    CHECK(done.board_ms == 86'400'123ull);

    RingFrameMessage ring;
    for (std::size_t i = 0; i < ring.frame.size(); ++i) ring.frame[i] = hal::Rgb{255, static_cast<std::uint8_t>(i * 10), 0};
    REQUIRE(encode(ring, f));
    CHECK(f.length == 36);
    RingFrameMessage ring_back;
    REQUIRE(decode(over_the_wire(f), ring_back));
    CHECK(ring_back.frame == ring.frame);

    REQUIRE(encode(StateName{MessageType::AuthState, "awaiting_approval"}, f));
    StateName state;
    const Frame state_frame = over_the_wire(f);  // decoded views point into it
    REQUIRE(decode(state_frame, state));
    CHECK(state.type == MessageType::AuthState);
    CHECK(state.name == "awaiting_approval");

    REQUIRE(encode(TraceMessage{2700, "auth", "state", "discovering"}, f));
    TraceMessage trace;
    const Frame trace_frame = over_the_wire(f);
    REQUIRE(decode(trace_frame, trace));
    CHECK(trace.at_ms == 2700);
    CHECK(trace.detail == "discovering");

    REQUIRE(encode(Power{PowerAction::Reset}, f));
    Power power;
    REQUIRE(decode(over_the_wire(f), power));
    CHECK(power.action == PowerAction::Reset);
}

TEST_CASE("decoding refuses the wrong type, a truncated payload, trailing bytes and bad values", "[hil]") {
    Frame f;
    REQUIRE(encode(SpeechMessage{"Hello"}, f));
    TimeGrant grant;
    CHECK_FALSE(decode(f, grant));  // wrong type
    SpeechMessage speech;
    Frame truncated = f;
    truncated.length = static_cast<std::uint16_t>(truncated.length - 1);
    CHECK_FALSE(decode(truncated, speech));
    Frame padded = f;
    padded.payload[padded.length++] = 0;
    CHECK_FALSE(decode(padded, speech));
    CHECK(decode(f, speech));

    REQUIRE(encode(ButtonEdge{1, false}, f));
    f.payload[1] = 7;  // pressed must be 0 or 1
    ButtonEdge edge;
    CHECK_FALSE(decode(f, edge));
    REQUIRE(encode(Power{PowerAction::On}, f));
    f.payload[0] = 9;
    Power power;
    CHECK_FALSE(decode(f, power));
    CHECK_FALSE(encode(StateName{MessageType::Speech, "x"}, f));  // not a state type
}

TEST_CASE("a message too long for one frame is refused, not cut", "[hil]") {
    Frame f;
    const std::string long_text(kMaxPayload, 'a');  // plus its 2-byte length: too long
    CHECK_FALSE(encode(SpeechMessage{long_text}, f));
    CHECK(encode(SpeechMessage{std::string(kMaxPayload - 2, 'a')}, f));
}
