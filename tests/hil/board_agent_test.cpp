// The board agent with the real firmware on a fake lockstep board, driven as the host
// drives it: frames in as bytes, frames out as bytes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "agent_rig.hpp"

using namespace ringside;
using namespace ringside::test;
using hil::MessageType;

namespace {

std::string concat_bodies(const std::vector<hil::Frame>& frames, hal::RequestId id) {
    std::string body;
    for (const auto& piece : all_of<hil::HttpBody>(frames, MessageType::HttpBody)) {
        if (piece.request_id != id) continue;
        CHECK(piece.offset == body.size());  // in order, back to back
        CHECK(piece.data.size() <= hil::kMaxBodyPiece);
        body.append(piece.data);
    }
    return body;
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Handshake, power on, boot into setup (the board stands at 2 s, ring orange).
void boot_to_setup(AgentRig& rig) {
    rig.send(hil::Hello{});
    rig.send(hil::Power{hil::PowerAction::On});
    rig.run_to(2'000);
    REQUIRE(rig.port->speaker->device_state() == fw::DeviceState::Setup);
}

// The whole device grant over the link, the host playing the Wi-Fi, app and cloud.
void link(AgentRig& rig) {
    boot_to_setup(rig);
    rig.send(hil::SetupCredentials{"Home", "wifi-secret-pw", "jane@example.com", hal::WifiBand::Any});
    auto frames = rig.send(hil::WifiResult{true});
    const auto metadata = last_of<hil::HttpRequestHead>(frames, MessageType::HttpRequest);
    frames = rig.respond(metadata.request_id, 200, Rig::metadata(), 100);
    const auto code = last_of<hil::HttpRequestHead>(frames, MessageType::HttpRequest);
    frames = rig.respond(code.request_id, 200, Rig::code());
    frames = rig.run_to(rig.port->world + 5'000);
    const auto poll = last_of<hil::HttpRequestHead>(frames, MessageType::HttpRequest);
    REQUIRE(ends_with(poll.url, "/oauth2/token"));
    frames = rig.respond(poll.request_id, 200, Rig::tokens());
    const auto settings = last_of<hil::HttpRequestHead>(frames, MessageType::HttpRequest);
    REQUIRE(settings.url.find("/v1/settings") != std::string_view::npos);
    rig.respond(settings.request_id, 200,
                R"({"device_name":"test speaker","locale":"en-US","time_zone":"UTC","wake_word":"alexa","volume":5})");
    REQUIRE(rig.port->speaker->auth_state() == fw::AuthState::Linked);
}

} // namespace

TEST_CASE("agent: every buffer is a member, and all of them fit a small board's RAM", "[hil][agent]") {
    // board_agent.hpp promises about 10 KiB (4 KiB of it the response body): a port gives
    // the agent static storage, so growth here is growth of every board's .bss.
    CHECK(sizeof(hil::BoardAgent) < 11 * 1024);
    CHECK(sizeof(hil::BoardAgent) > hil::HttpTunnel::kMaxResponseBody);
}

TEST_CASE("agent: Hello is answered with HelloAck and the board's Status, numbered from 0", "[hil][agent]") {
    AgentRig rig;
    auto frames = rig.send(hil::Hello{});
    REQUIRE(types_of(frames) == std::vector<MessageType>{MessageType::HelloAck, MessageType::Status});
    CHECK(frames[0].sequence == 0);
    const auto ack = only_one<hil::HelloAck>(frames, MessageType::HelloAck);
    CHECK(ack.protocol == hil::kProtocolVersion);
    CHECK(ack.board_id == "RS0000000042");
    CHECK(ack.firmware_version == "2.0.0-test");
    CHECK(ack.capabilities == kEveryCapability);
    CHECK(ack.chip == "FAKE-M4");
    CHECK(ack.build_id == "b0a7d1d0");
    const auto status = only_one<hil::Status>(frames, MessageType::Status);
    CHECK(status.device_state == fw::DeviceState::Off);
    CHECK(status.ring_pattern == fw::RingPattern::Off);

    // A second Hello (the host restarted) starts both counts again.
    rig.next_sequence = 0;
    frames = rig.send(hil::Hello{});
    REQUIRE(frames.size() == 2);
    CHECK(frames[0].sequence == 0);
    CHECK(rig.port->agent.stats().lost_frames == 0);
}

TEST_CASE("agent: Boot comes after a delimiter of its own, so half a frame cut by a reset does not take it down", "[hil][agent]") {
    AgentRig rig;
    rig.port->agent.announce();
    REQUIRE(!rig.port->wire.empty());
    CHECK(rig.port->wire.front() == 0x00);
    // What a host reads after a reset cut a frame short: the half frame, then the Boot.
    hil::Frame cut;
    REQUIRE(hil::encode(hil::SpeechMessage{"a sentence the reset cut"}, cut));
    auto line = AgentRig::wire_of(cut);
    line.resize(line.size() / 2);
    line.insert(line.end(), rig.port->wire.begin(), rig.port->wire.end());
    rig.port->wire.clear();
    hil::FrameDecoder host;
    std::vector<hil::FrameDecoder::Result> outcomes;
    std::optional<hil::MessageType> received;
    for (std::uint8_t b : line) {
        const auto r = host.push(b);
        if (r == hil::FrameDecoder::Result::None) continue;
        outcomes.push_back(r);
        if (r == hil::FrameDecoder::Result::Frame) received = host.frame().type;
    }
    CHECK(outcomes == std::vector<hil::FrameDecoder::Result>{hil::FrameDecoder::Result::Malformed, hil::FrameDecoder::Result::Frame});
    CHECK(received == MessageType::Boot);
}

TEST_CASE("agent: a button edge reaches the firmware and a Status with the new ring comes back", "[hil][agent]") {
    AgentRig rig;
    rig.send(hil::Hello{});
    auto frames = rig.send(hil::Power{hil::PowerAction::On});
    CHECK(last_of<hil::Status>(frames, MessageType::Status).device_state == fw::DeviceState::Booting);
    CHECK(frames.back().type == MessageType::Ack);
    rig.run_to(2'000);

    frames = rig.send(hil::ButtonEdge{hal::Button::MicMute, true});
    const auto status = only_one<hil::Status>(frames, MessageType::Status);
    CHECK(status.ring_pattern == fw::RingPattern::MicOff);
    CHECK(status.device_state == fw::DeviceState::Setup);
    CHECK(rig.port->mic.capturing == false);
    // The release changes nothing the host can see: no Status.
    CHECK(count_of(rig.send(hil::ButtonEdge{hal::Button::MicMute, false}), MessageType::Status) == 0);

    // The Status is news at this instant: the next grant stops where it starts.
    const int grants_before = rig.port->grants_run;
    frames = rig.grant(10'000);
    hil::TimeDone done;
    REQUIRE(hil::decode(frames.back(), done));
    CHECK(done.now_ms == 2'000);
    CHECK(done.stopped);
    CHECK(rig.port->grants_run == grants_before);
}

TEST_CASE("agent: a grant runs to the end of the first instant the host must see, and no further", "[hil][agent]") {
    AgentRig rig;
    rig.send(hil::Hello{});
    rig.send(hil::Power{hil::PowerAction::On});
    hil::TimeDone done;
    REQUIRE(hil::decode(rig.grant(60'000).back(), done));
    CHECK(done.now_ms == 0);  // the power-on Status was news at 0
    CHECK(done.stopped);

    // Booting ends at 2 s: the setup Status stops the grant there, Trace and ring frames
    // (every animation tick, streamed) on the way do not.
    rig.send(hil::StreamRing{true});
    auto frames = rig.grant(60'000);
    REQUIRE(hil::decode(frames.back(), done));
    CHECK(done.now_ms == 2'000);
    CHECK(done.stopped);
    CHECK(count_of(frames, MessageType::RingFrame) > 10);
    CHECK(count_of(frames, MessageType::Trace) > 0);
    const auto status = last_of<hil::Status>(frames, MessageType::Status);
    CHECK(status.device_state == fw::DeviceState::Setup);
    CHECK(status.ring_pattern == fw::RingPattern::Setup);
    // The frames came before the TimeDone that reports them.
    CHECK(frames.back().type == MessageType::TimeDone);

    // Setup is quiet: a grant now runs to its end, ring frames and all.
    frames = rig.grant(3'000);
    REQUIRE(hil::decode(frames.back(), done));
    CHECK(done.now_ms == 3'000);
    CHECK_FALSE(done.stopped);
    const auto ring = last_of<hil::RingFrameMessage>(frames, MessageType::RingFrame);
    CHECK(ring.frame == rig.port->leds.last);  // the real LEDs saw the same frame

    rig.send(hil::StreamRing{false});
    CHECK(count_of(rig.grant(4'000), MessageType::RingFrame) == 0);

    // A grant into the past is the host's bug: refused.
    frames = rig.send(hil::TimeGrant{3'999});
    CHECK(only_one<hil::Nack>(frames, MessageType::Nack).refused == MessageType::TimeGrant);
}

TEST_CASE("agent: Trace carries the firmware's records in world time, teed to the port's own trace", "[hil][agent]") {
    AgentRig rig;
    rig.send(hil::Hello{});
    rig.run_to(5'000);  // the board sits unpowered for 5 s of world time
    auto frames = rig.send(hil::Power{hil::PowerAction::On});
    frames = rig.run_to(7'000);
    const auto traces = all_of<hil::TraceMessage>(frames, MessageType::Trace);
    REQUIRE(!traces.empty());
    const auto booted = std::find_if(traces.begin(), traces.end(),
                                     [](const hil::TraceMessage& t) { return t.category == "device" && t.detail == "setup"; });
    REQUIRE(booted != traces.end());
    CHECK(booted->at_ms == 7'000);  // world time, not the firmware's 2 s of uptime
    CHECK(rig.port->own_trace.count("device", "state", "setup") == 1);
}

TEST_CASE("agent: sign-in through the tunnels — Wi-Fi, the app's setup, HTTP head and pieces", "[hil][agent]") {
    AgentRig rig;
    boot_to_setup(rig);

    auto frames = rig.send(hil::SetupCredentials{"Home", "wifi-secret-pw", "jane@example.com", hal::WifiBand::GHz5});
    CHECK(only_one<hil::WifiPreferBand>(frames, MessageType::WifiPreferBand).band == hal::WifiBand::GHz5);
    const auto join = only_one<hil::WifiJoin>(frames, MessageType::WifiJoin);
    CHECK(join.ssid == "Home");
    CHECK(join.password == "wifi-secret-pw");
    CHECK(only_one<hil::SetupReport>(frames, MessageType::SetupReport).progress == hal::SetupProgress::Received);
    CHECK(last_of<hil::Status>(frames, MessageType::Status).device_state == fw::DeviceState::JoiningWifi);

    frames = rig.send(hil::WifiResult{true});
    CHECK(only_one<hil::SetupReport>(frames, MessageType::SetupReport).progress == hal::SetupProgress::WifiJoined);
    const auto metadata = only_one<hil::HttpRequestHead>(frames, MessageType::HttpRequest);
    CHECK(metadata.method == hal::HttpMethod::Get);
    CHECK(metadata.url == "https://auth.ringside.test/.well-known/oauth-authorization-server");
    CHECK(metadata.body_length == 0);
    CHECK(count_of(frames, MessageType::HttpBody) == 0);

    // The metadata answer in pieces of 100 bytes: the firmware sees one whole answer (it
    // would fail to parse anything less) and moves on to ask for a code.
    frames = rig.respond(metadata.request_id, 200, Rig::metadata(), 100);
    const auto code_request = only_one<hil::HttpRequestHead>(frames, MessageType::HttpRequest);
    CHECK(code_request.method == hal::HttpMethod::Post);
    CHECK(code_request.url == "https://auth.ringside.test/oauth2/device_authorization");
    CHECK(code_request.content_type == "application/x-www-form-urlencoded");
    const std::string form = concat_bodies(frames, code_request.request_id);
    CHECK(form.size() == code_request.body_length);
    CHECK(form.find("client_id=ringside-speaker") != std::string::npos);

    frames = rig.respond(code_request.request_id, 200, Rig::code());
    const auto shown = last_of<hil::Status>(frames, MessageType::Status);
    CHECK(shown.auth_state == fw::AuthState::AwaitingApproval);
    CHECK(shown.user_code == "BCDF-GHJK");
    CHECK(only_one<hil::SetupReport>(frames, MessageType::SetupReport).progress == hal::SetupProgress::CodeShown);

    frames = rig.run_to(rig.port->world + 5'000);
    const auto poll = last_of<hil::HttpRequestHead>(frames, MessageType::HttpRequest);
    CHECK(ends_with(poll.url, "/oauth2/token"));
    CHECK(concat_bodies(frames, poll.request_id).find("device_code=DEVCODE-secret-1") != std::string::npos);
    frames = rig.respond(poll.request_id, 200, Rig::tokens(), 7);
    CHECK(last_of<hil::Status>(frames, MessageType::Status).auth_state == fw::AuthState::Linked);
    CHECK(only_one<hil::SetupReport>(frames, MessageType::SetupReport).progress == hal::SetupProgress::Linked);
    CHECK(last_of<hil::Status>(frames, MessageType::Status).user_code.empty());

    // Nothing the firmware traced carried a secret, though the tunnel carried them all.
    for (const auto& t : all_of<hil::TraceMessage>(frames, MessageType::Trace)) {
        CHECK(t.detail.find("secret") == std::string_view::npos);
        CHECK(t.detail.find("Atz") == std::string_view::npos);
    }
    const auto stats = rig.port->agent.stats();
    CHECK(stats.link_errors() == 0);
    CHECK(stats.stray_http == 0);
    CHECK(stats.responses_broken == 0);
}

TEST_CASE("agent: a voice request streams out as a head, body pieces as the person speaks and an end — its reply in pieces is said", "[hil][agent]") {
    AgentRig rig;
    link(rig);
    const std::string said = "alexa play music";
    CHECK(rig.send(hil::Utterance{2, said}).empty());  // the microphone took it: no answer
    auto frames = rig.run_to(rig.port->world + 3'000);

    // The pre-roll filled before the wake word was heard (a Status each frame), then drained.
    const auto statuses = all_of<hil::Status>(frames, MessageType::Status);
    CHECK(std::any_of(statuses.begin(), statuses.end(), [](const hil::Status& s) { return s.audio_samples > 0; }));
    const auto voice = only_one<hil::HttpRequestHead>(frames, MessageType::HttpRequest);
    CHECK(voice.url == "https://auth.ringside.test/v1/voice");
    CHECK(voice.authorization == "Bearer Atza|access-secret-1");
    CHECK(voice.content_type == "audio/L16;rate=8000");
    CHECK(voice.body_length == hil::kStreamedBody);
    // The speech, then the 700 ms of quiet the endpoint waited through (70 frames).
    const std::size_t samples = common::tone_modem::encoded_length(said) + 70 * common::tone_modem::kFrameSamples;
    const auto end = only_one<hil::HttpBodyEnd>(frames, MessageType::HttpBodyEnd);
    CHECK(end.request_id == voice.request_id);
    REQUIRE(end.body_length == samples * 2);
    // Small pieces, one a frame once the pre-roll is out: nothing utterance-sized on the board.
    CHECK(count_of(frames, MessageType::HttpBody) >= 70);
    for (const auto& piece : all_of<hil::HttpBody>(frames, MessageType::HttpBody)) CHECK(piece.data.size() <= 320);
    const std::string pcm = concat_bodies(frames, voice.request_id);
    REQUIRE(pcm.size() == samples * 2);
    const std::size_t speech = common::tone_modem::encoded_length(said);
    std::vector<std::int16_t> expected(speech);
    REQUIRE(common::tone_modem::encode(said, 2, expected.data(), expected.size()) == speech);
    for (std::size_t i = 0; i < speech; ++i) {
        const auto lo = static_cast<std::uint8_t>(pcm[2 * i]), hi = static_cast<std::uint8_t>(pcm[2 * i + 1]);
        // The microphone adds room noise (at most 200) on top of the tone.
        REQUIRE(std::abs(static_cast<std::int16_t>(static_cast<std::uint16_t>(lo | (hi << 8))) - expected[i]) <= 200);
    }

    frames = rig.respond(voice.request_id, 200, R"({"speech":"Playing music.","member":"jane"})", 5);
    CHECK(only_one<hil::SpeechMessage>(frames, MessageType::Speech).text == "Playing music.");
    CHECK(rig.port->loudspeaker.said.back() == "Playing music.");  // the real loudspeaker too
    CHECK(last_of<hil::Status>(frames, MessageType::Status).ring_pattern == fw::RingPattern::Speaking);
    CHECK(last_of<hil::Status>(frames, MessageType::Status).audio_samples == 0);
}

TEST_CASE("agent: a local command's sentence comes back as Speech and stops the grant", "[hil][agent]") {
    AgentRig rig;
    boot_to_setup(rig);
    rig.send(hil::Utterance{0, "alexa what time is it"});
    std::vector<hil::Frame> frames;
    hil::TimeDone done;
    for (int i = 0; i < 1'000 && count_of(frames, MessageType::Speech) == 0; ++i) {
        frames = rig.grant(10'000);
        REQUIRE(hil::decode(frames.back(), done));
    }
    const auto speech = only_one<hil::SpeechMessage>(frames, MessageType::Speech);
    CHECK(speech.text.substr(0, 4) == "It's");
    CHECK(done.stopped);
    CHECK(done.now_ms < 10'000);
}

TEST_CASE("agent: an answer too big for the buffer is refused as a broken exchange — the next one works", "[hil][agent]") {
    AgentRig rig;
    boot_to_setup(rig);
    rig.send(hil::SetupCredentials{"Home", "pw-secret", "jane@example.com", hal::WifiBand::Any});
    auto frames = rig.send(hil::WifiResult{true});
    const auto metadata = only_one<hil::HttpRequestHead>(frames, MessageType::HttpRequest);
    // Decoded messages view their frame's bytes: keep the URL before `frames` is reassigned.
    const std::string metadata_url(metadata.url);

    const std::string huge(hil::HttpTunnel::kMaxResponseBody + 1, 'x');
    const int delivered = rig.port->delivered;
    frames = rig.respond(metadata.request_id, 200, huge);
    CHECK(rig.port->delivered == delivered + 1);  // one HttpDone, at the head
    CHECK(rig.port->own_trace.count("http", "response") == 1);  // the firmware saw a failed exchange
    auto stats = rig.port->agent.stats();
    CHECK(stats.responses_refused == 1);
    // Its pieces, dropped: the firmware has its answer.
    CHECK(stats.stray_http == (huge.size() + hil::kMaxBodyPiece - 1) / hil::kMaxBodyPiece);
    CHECK(rig.port->speaker->auth_state() == fw::AuthState::Discovering);

    // The auth client retries after its back-off; that answer fits and is taken.
    std::vector<hil::Frame> retry;
    for (int i = 0; i < 1'000 && count_of(retry, MessageType::HttpRequest) == 0; ++i)
        retry = rig.grant(rig.port->world + 60'000);
    const auto again = only_one<hil::HttpRequestHead>(retry, MessageType::HttpRequest);
    CHECK(again.url == metadata_url);
    frames = rig.respond(again.request_id, 200, Rig::metadata());
    CHECK(rig.port->speaker->auth_state() == fw::AuthState::RequestingCode);
    CHECK(rig.port->agent.stats().responses_refused == 1);
}

TEST_CASE("agent: a failed Wi-Fi join comes back with its reason — a result nobody waits for is dropped", "[hil][agent]") {
    AgentRig rig;
    boot_to_setup(rig);
    auto frames = rig.send(hil::SetupCredentials{"Home", "wrong-pw", "jane@example.com", hal::WifiBand::Any});
    REQUIRE(count_of(frames, MessageType::WifiJoin) == 1);
    frames = rig.send(hil::WifiResult{false, hal::WifiFailure::WrongPassword});
    CHECK(only_one<hil::SetupReport>(frames, MessageType::SetupReport).progress == hal::SetupProgress::WifiWrongPassword);
    const auto status = last_of<hil::Status>(frames, MessageType::Status);
    CHECK(status.device_state == fw::DeviceState::Setup);
    CHECK(status.ring_pattern == fw::RingPattern::WifiError);

    const int delivered = rig.port->delivered;
    CHECK(rig.send(hil::WifiResult{true}).empty());
    CHECK(rig.port->delivered == delivered);
    CHECK(rig.port->agent.stats().stray_wifi_results == 1);

    // The app tries again with the right password.
    frames = rig.send(hil::SetupCredentials{"Home", "right-pw", "jane@example.com", hal::WifiBand::Any});
    CHECK(only_one<hil::WifiJoin>(frames, MessageType::WifiJoin).password == "right-pw");
    frames = rig.send(hil::WifiResult{true});
    CHECK(only_one<hil::SetupReport>(frames, MessageType::SetupReport).progress == hal::SetupProgress::WifiJoined);
}

TEST_CASE("agent: a lost association reaches the firmware only while associated — it joins again", "[hil][agent]") {
    AgentRig rig;
    boot_to_setup(rig);
    const int delivered = rig.port->delivered;
    rig.send(hil::SetupCredentials{"Home", "pw", "jane@example.com", hal::WifiBand::Any});
    // Before any join succeeded there is no association to lose: dropped.
    CHECK(rig.send(hil::WifiResult{false, hal::WifiFailure::Lost}).empty());
    CHECK(rig.port->agent.stats().stray_wifi_results == 1);
    auto frames = rig.send(hil::WifiResult{true});
    REQUIRE(count_of(frames, MessageType::HttpRequest) == 1);  // signing in

    frames = rig.send(hil::WifiResult{false, hal::WifiFailure::Lost});
    CHECK(only_one<hil::WifiJoin>(frames, MessageType::WifiJoin).ssid == "Home");  // at once
    const auto status = last_of<hil::Status>(frames, MessageType::Status);
    CHECK(status.device_state == fw::DeviceState::JoiningWifi);
    CHECK(status.ring_pattern == fw::RingPattern::WifiError);
    CHECK(rig.port->own_trace.count("wifi", "lost") == 1);
    // A second `lost` while the join is pending is not the association's: dropped.
    CHECK(rig.send(hil::WifiResult{false, hal::WifiFailure::Lost}).empty());
    CHECK(rig.port->agent.stats().stray_wifi_results == 2);
    CHECK(rig.port->delivered == delivered + 3);  // credentials, joined, lost
}

TEST_CASE("agent: garbage, a truncated frame, a flipped bit and lost frames are counted, a gap is refused, and the link keeps working",
          "[hil][agent]") {
    AgentRig rig;
    rig.send(hil::Hello{});

    CHECK(rig.feed({0x13, 0x37, 0xFF, 0x42, 0x00}).empty());  // line noise, then a delimiter
    hil::Frame f;
    REQUIRE(hil::encode(hil::Power{hil::PowerAction::On}, f));
    f.sequence = rig.next_sequence++;
    auto truncated = AgentRig::wire_of(f);
    truncated.erase(truncated.begin() + 3, truncated.end() - 1);  // keep the delimiter
    CHECK(rig.feed(truncated).empty());
    REQUIRE(hil::encode(hil::ButtonEdge{hal::Button::MicMute, true}, f));
    f.sequence = rig.next_sequence++;
    auto flipped = AgentRig::wire_of(f);
    flipped[flipped.size() - 3] ^= 0x10;  // inside the CRC
    CHECK(rig.feed(flipped).empty());
    std::vector<std::uint8_t> endless(3 * hil::kMaxWireSize, 0x55);  // no delimiter for far too long...
    endless.push_back(0x00);                                          // ...until the noise stops
    CHECK(rig.feed(endless).empty());
    rig.next_sequence = static_cast<std::uint16_t>(rig.next_sequence + 3);  // three frames lost on the way

    // Nothing of it reached the firmware. The next good frame shows the hole in the host's
    // numbering: it is refused, saying so (the host ends the run as a damaged link); the
    // frames after it are acted on again.
    CHECK(rig.port->power_calls == 0);
    auto frames = rig.send(hil::Power{hil::PowerAction::On});
    const auto refused = only_one<hil::Nack>(frames, MessageType::Nack);
    CHECK(refused.refused == MessageType::Power);
    CHECK(refused.why == "the link is damaged: 5 frames from the host lost before this Power");
    CHECK(rig.port->power_calls == 0);
    frames = rig.send(hil::Power{hil::PowerAction::On});
    CHECK(rig.port->power_calls == 1);
    CHECK(frames.back().type == MessageType::Ack);

    const auto stats = rig.port->agent.stats();
    CHECK(stats.malformed == 2);   // the noise and the truncated frame
    CHECK(stats.bad_crc == 1);
    CHECK(stats.overflow == 1);
    CHECK(stats.lost_frames == 5);  // the two bad frames' numbers and the three skipped
    CHECK(stats.link_errors() == 9);
}

TEST_CASE("agent: an input lost on the way leaves a hole the grant after it shows: refused, not run past", "[hil][agent]") {
    AgentRig rig;
    boot_to_setup(rig);
    ++rig.next_sequence;  // a ButtonEdge the wire lost: the firmware never hears the press
    auto frames = rig.send(hil::TimeGrant{3'000});
    // No TimeDone: the board did not run on without the input; the host hears why at once.
    REQUIRE(types_of(frames) == std::vector<MessageType>{MessageType::Nack});
    const auto refused = only_one<hil::Nack>(frames, MessageType::Nack);
    CHECK(refused.refused == MessageType::TimeGrant);
    CHECK(refused.why == "the link is damaged: 1 frame from the host lost before this TimeGrant");
    CHECK(rig.port->world == 2'000);
    CHECK(rig.port->agent.stats().lost_frames == 1);
    // A host that goes on anyway (none of ours does) finds the link working.
    rig.grant(3'000);
}

TEST_CASE("agent: a frame it cannot use is Nacked with its type and counted", "[hil][agent]") {
    AgentRig rig;
    rig.send(hil::Hello{});
    hil::Frame f;
    REQUIRE(hil::encode(hil::ButtonEdge{hal::Button::Action, true}, f));
    f.payload[0] = 9;  // no such button
    f.sequence = rig.next_sequence++;
    auto frames = rig.feed(AgentRig::wire_of(f));
    auto nack = only_one<hil::Nack>(frames, MessageType::Nack);
    CHECK(nack.refused == MessageType::ButtonEdge);
    CHECK(nack.why == "malformed payload");

    f.type = static_cast<MessageType>(0x5A);
    f.sequence = rig.next_sequence++;
    frames = rig.feed(AgentRig::wire_of(f));
    CHECK(only_one<hil::Nack>(frames, MessageType::Nack).refused == static_cast<MessageType>(0x5A));

    frames = rig.send(hil::SpeechMessage{"only boards say things"});
    CHECK(only_one<hil::Nack>(frames, MessageType::Nack).refused == MessageType::Speech);
    CHECK(rig.send(hil::Nack{MessageType::Status, "a host's Nack"}).empty());  // never Nack a Nack

    const auto stats = rig.port->agent.stats();
    CHECK(stats.bad_payloads == 1);
    CHECK(stats.unknown_types == 1);
    CHECK(stats.wrong_direction == 2);
    CHECK(stats.link_errors() == 0);
}

TEST_CASE("agent: BoardConfig, QueryStoredToken, TimeGrant and AudioChunk reach a port that announced them",
          "[hil][agent]") {
    AgentRig rig;
    rig.send(hil::Hello{});
    auto frames = rig.send(hil::BoardConfig{77, 1'700'000'000, "https://lwa.ringside.test", "amzn1.client", "alexa:all",
                                            "RS-TWO", "RS0000000099", fw::AuthDialect::Lwa});
    CHECK(only_one<hil::Ack>(frames, MessageType::Ack).acked == MessageType::BoardConfig);
    CHECK(rig.port->configured == 1);
    CHECK(rig.port->seed == 77);
    CHECK(rig.port->rtc.now == 1'700'000'000);
    CHECK(rig.port->serial_number == "RS0000000099");
    CHECK(rig.port->config.dialect == fw::AuthDialect::Lwa);

    frames = rig.send(hil::QueryStoredToken{});
    CHECK(only_one<hil::StoredToken>(frames, MessageType::StoredToken).refresh_token.empty());

    rig.send(hil::Power{hil::PowerAction::On});
    // The port's own refusal reaches the host as its reason.
    frames = rig.send(hil::BoardConfig{});
    const auto nack = only_one<hil::Nack>(frames, MessageType::Nack);
    CHECK(nack.refused == MessageType::BoardConfig);
    CHECK(nack.why == "powered on: configure before power-on");

    const std::int16_t pcm[] = {100, -100, 100, -100};
    hil::Frame f;
    REQUIRE(hil::encode_audio(pcm, 4, f));
    f.sequence = rig.next_sequence++;
    CHECK(rig.feed(AgentRig::wire_of(f)).empty());
    CHECK(rig.port->played == 4);

    frames = rig.grant(1'000);
    CHECK(rig.port->grants_run == 0);  // the power-on Status stopped it at once
    frames = rig.grant(1'000);
    CHECK(rig.port->grants_run == 1);
}

TEST_CASE("agent: the stored refresh token is read from flash after sign-in", "[hil][agent]") {
    AgentRig rig;
    link(rig);
    auto frames = rig.send(hil::QueryStoredToken{});
    CHECK(only_one<hil::StoredToken>(frames, MessageType::StoredToken).refresh_token == "Atzr|refresh-secret-1");
}

TEST_CASE("agent: a port without the capabilities gets no calls — the host gets Nacks", "[hil][agent]") {
    AgentRig rig(hil::kCapHttpTunnel);
    rig.send(hil::Hello{});
    struct Case {
        MessageType type;
        std::vector<hil::Frame> frames;
    };
    hil::Frame audio;
    const std::int16_t pcm[] = {1, 2};
    REQUIRE(hil::encode_audio(pcm, 2, audio));
    audio.sequence = rig.next_sequence++;
    const std::vector<Case> cases{
        {MessageType::BoardConfig, rig.send(hil::BoardConfig{})},
        {MessageType::QueryStoredToken, rig.send(hil::QueryStoredToken{})},
        {MessageType::TimeGrant, rig.send(hil::TimeGrant{100})},
        {MessageType::AudioChunk, rig.feed(AgentRig::wire_of(audio))},
    };
    for (const auto& c : cases) {
        INFO(hil::to_string(c.type));
        const auto nack = only_one<hil::Nack>(c.frames, MessageType::Nack);
        CHECK(nack.refused == c.type);
        CHECK(!nack.why.empty());
        CHECK(count_of(c.frames, MessageType::StoredToken) == 0);
        CHECK(count_of(c.frames, MessageType::TimeDone) == 0);
    }
    CHECK(rig.port->configured == 0);
    CHECK(rig.port->grants_run == 0);
    CHECK(rig.port->played == 0);
}

TEST_CASE("agent: power off tells the host, and an answer meant for the old firmware never reaches the new",
          "[hil][agent]") {
    AgentRig rig;
    boot_to_setup(rig);
    rig.send(hil::SetupCredentials{"Home", "pw-secret", "jane@example.com", hal::WifiBand::Any});
    auto frames = rig.send(hil::WifiResult{true});
    const auto metadata = only_one<hil::HttpRequestHead>(frames, MessageType::HttpRequest);

    frames = rig.send(hil::Power{hil::PowerAction::Reset});
    const auto statuses = all_of<hil::Status>(frames, MessageType::Status);
    REQUIRE(statuses.size() == 2);
    CHECK(statuses[0].device_state == fw::DeviceState::Off);
    CHECK(statuses[1].device_state == fw::DeviceState::Booting);
    CHECK(frames.back().type == MessageType::Ack);

    const int delivered = rig.port->delivered;
    rig.respond(metadata.request_id, 200, Rig::metadata());
    CHECK(rig.port->delivered == delivered);
    CHECK(rig.port->agent.stats().stray_http == 2);  // its head and its one piece

    frames = rig.send(hil::Power{hil::PowerAction::Off});
    CHECK(only_one<hil::Status>(frames, MessageType::Status).device_state == fw::DeviceState::Off);
    CHECK(only_one<hil::Ack>(frames, MessageType::Ack).acked == MessageType::Power);
    CHECK(rig.port->speaker == nullptr);
}

TEST_CASE("agent: QueryBoardStats is answered with the port's figures — or Nacked with the reason", "[hil][agent]") {
    {
        AgentRig rig(kEveryCapability | hil::kCapBoardStats);
        rig.send(hil::Hello{});
        rig.port->figures = hil::BoardStats{8192, 1480, 0, 23484, 15320, 3, 1234};
        auto frames = rig.send(hil::QueryBoardStats{});
        const auto s = only_one<hil::BoardStats>(frames, MessageType::BoardStats);
        CHECK(s.stack_size == 8192);
        CHECK(s.stack_high_water == 1480);
        CHECK(s.heap_allocations_after_init == 0);
        CHECK(s.static_ram == 23484);
        CHECK(s.flash_used == 15320);
        CHECK(s.rx_overruns == 3);
        CHECK(s.uptime_ms == 1234);
        CHECK(rig.port->grants_run == 0);  // an answer, not news: it stops no grant

        // A port that announced the capability but keeps no figures: BoardPort's default.
        rig.port->figures.reset();
        frames = rig.send(hil::QueryBoardStats{});
        const auto nack = only_one<hil::Nack>(frames, MessageType::Nack);
        CHECK(nack.refused == MessageType::QueryBoardStats);
        CHECK(nack.why == "this board keeps no board stats");
    }
    {
        AgentRig rig(kEveryCapability);  // no kCapBoardStats: the port is never asked
        rig.send(hil::Hello{});
        rig.port->figures = hil::BoardStats{};
        const auto frames = rig.send(hil::QueryBoardStats{});  // the Nack's text is a view into them
        const auto nack = only_one<hil::Nack>(frames, MessageType::Nack);
        CHECK(nack.refused == MessageType::QueryBoardStats);
        CHECK(nack.why == "no kCapBoardStats: this board keeps no board stats");
        CHECK(rig.port->stats_calls == 0);
    }
}

TEST_CASE("agent: BoardStats and Fault are board-to-host messages — a host sending them is Nacked", "[hil][agent]") {
    AgentRig rig;
    rig.send(hil::Hello{});
    CHECK(only_one<hil::Nack>(rig.send(hil::BoardStats{}), MessageType::Nack).refused == MessageType::BoardStats);
    CHECK(only_one<hil::Nack>(rig.send(hil::Fault{"not the host's to say"}), MessageType::Nack).refused ==
          MessageType::Fault);
    CHECK(rig.port->agent.stats().wrong_direction == 2);
}
