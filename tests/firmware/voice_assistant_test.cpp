// The voice assistant inside a Speaker on the fake board: wake word, local commands,
// cloud requests streamed with the bearer token, the 401 refresh, Follow-Up timing, mute.
#include <catch2/catch.hpp>

#include <cstring>
#include <vector>

#include "fake_board.hpp"
#include "common/tone_modem.hpp"
#include "firmware/core/timer_ids.hpp"
#include "firmware/lifecycle/device_lifecycle.hpp"

using namespace ringside;
using namespace ringside::test;
using namespace std::chrono_literals;
using fw::RingPattern;
using fw::VoiceState;

namespace {

// Speaks `text` as 10 ms frames (with 800 ms of quiet after it), advancing the clock.
void say(Rig& r, const std::string& text, int voice = 0) {
    std::vector<std::int16_t> pcm(common::tone_modem::encoded_length(text));
    REQUIRE(common::tone_modem::encode(text, voice, pcm.data(), pcm.size()) == pcm.size());
    pcm.resize(((pcm.size() + 79) / 80 + 80) * 80, 0);
    for (std::size_t at = 0; at < pcm.size(); at += 80) {
        r.advance(10ms);
        if (!r.hw.mic.capturing) continue;  // the mute cut: no frames at all
        r.dispatch(fw::Event::mic_frame(pcm.data() + at, 80));
    }
}

const fw::VoiceAssistant& voice(Rig& r) { return r.speaker->voice(); }

} // namespace

TEST_CASE("without the wake word nothing is heard, with it the ring listens") {
    Rig r;
    r.link();
    say(r, "volume up");
    CHECK(voice(r).volume() == 5);
    CHECK(r.speaker->ring_pattern() == RingPattern::Off);
    say(r, "alexa volume up");
    CHECK(voice(r).volume() == 6);
    CHECK(r.speaker->ring_pattern() == RingPattern::Volume);
    r.advance(2s);
    CHECK(r.speaker->ring_pattern() == RingPattern::Off);
}

TEST_CASE("local commands send nothing whole, account requests stream the audio with the bearer token") {
    Rig r;
    r.link();
    const std::size_t before = r.hw.http.whole();
    say(r, "alexa what time is it");
    // The upload opened at the wake word and was cancelled at the endpoint: nothing whole left.
    CHECK(r.hw.http.whole() == before);
    REQUIRE_FALSE(r.hw.http.sent.empty());
    CHECK(r.hw.http.sent.back().cancelled);
    REQUIRE(r.hw.speech.said.size() == 1);
    CHECK(r.hw.speech.said.back().rfind("It's", 0) == 0);

    r.dispatch(fw::Event::speech_done());
    r.advance(6s);
    say(r, "alexa play music", 2);
    REQUIRE(r.hw.http.whole() == before + 1);
    const auto& sent = r.hw.http.sent.back();
    CHECK(sent.url == "https://auth.ringside.test/v1/voice");
    CHECK(sent.authorization == "Bearer Atza|access-secret-1");
    CHECK(sent.content_type == "audio/L16;rate=8000");
    // The whole utterance from its first loud frame, then the quiet the endpoint waited
    // through (700 ms): the cloud ends its own decoding at the quiet.
    CHECK(sent.body.size() == (common::tone_modem::encoded_length("alexa play music") + 70 * 80) * 2);
    std::vector<std::int16_t> expected(common::tone_modem::encoded_length("alexa play music"));
    common::tone_modem::encode("alexa play music", 2, expected.data(), expected.size());
    CHECK(std::memcmp(sent.body.data(), expected.data(), expected.size() * 2) == 0);
    // Streamed: the pre-roll (preamble and "alexa ") in 320-byte pieces, then a piece a frame.
    CHECK(sent.pieces > 20);
    CHECK(r.speaker->ring_pattern() == RingPattern::Thinking);
    r.respond(200, R"({"speech":"Playing music.","member":"jane"})");
    CHECK(r.hw.speech.said.back() == "Playing music.");
    CHECK(r.speaker->ring_pattern() == RingPattern::Speaking);
    CHECK(voice(r).buffered_audio_samples() == 0);
    CHECK_FALSE(r.hw.trace.mentions("access-secret"));
}

TEST_CASE("a 401 from the voice API refreshes the token at once, and the person asks again") {
    Rig r;
    r.link();
    say(r, "alexa play music");
    r.respond(401, R"({"error":"invalid_token"})");
    // The audio has left the device: no retry, the speaker asks again ...
    CHECK(r.hw.speech.said.back().find("ask me again") != std::string::npos);
    CHECK(voice(r).buffered_audio_samples() == 0);
    // ... and the auth client refreshes now, not at its scheduled time.
    REQUIRE(r.has_outstanding());
    CHECK(r.outstanding().body.find("grant_type=refresh_token") != std::string::npos);
    r.respond(200, Rig::tokens(3600, "Atzr|refresh-secret-2", "Atza|access-secret-2"));
    CHECK_FALSE(r.has_outstanding());
    r.dispatch(fw::Event::speech_done());
    say(r, "play music");  // within Follow-Up
    REQUIRE(r.has_outstanding());
    CHECK(r.outstanding().authorization == "Bearer Atza|access-secret-2");
    // A second 401 in a row: a fresh token did not help, so no refresh, and the person is
    // told to sign in again.
    r.respond(401, R"({"error":"invalid_token"})");
    CHECK_FALSE(r.has_outstanding());
    CHECK(r.hw.speech.said.back().find("sign in again") != std::string::npos);
}

TEST_CASE("a transport that refuses the upload's audio ends the request: the person hears it failed") {
    Rig r;
    r.link();
    r.hw.http.accept_body = false;
    say(r, "alexa play music");
    REQUIRE_FALSE(r.hw.http.sent.empty());
    CHECK(r.hw.http.sent.back().cancelled);
    CHECK(r.hw.http.whole() == r.hw.http.sent.size() - 1);
    CHECK(r.hw.speech.said.back().find("went wrong") != std::string::npos);
    CHECK(voice(r).buffered_audio_samples() == 0);
}

TEST_CASE("audio not addressed to the speaker never leaves it and is not held") {
    Rig r;
    r.link();
    const std::size_t before = r.hw.http.sent.size();
    say(r, "play some music for me");
    CHECK(r.hw.http.sent.size() == before);
    CHECK(voice(r).buffered_audio_samples() == 0);
}

TEST_CASE("Follow-Up: within 5 s no wake word is needed, after 5 s it is") {
    Rig r;
    r.link();
    say(r, "alexa play music");
    r.respond(200, R"({"speech":"Playing."})");
    r.dispatch(fw::Event::speech_done());
    CHECK(voice(r).state() == VoiceState::FollowUp);
    r.advance(4800ms);
    const std::size_t before = r.hw.http.whole();
    say(r, "play jazz");
    CHECK(r.hw.http.whole() == before + 1);
    r.respond(200, R"({"speech":"Jazz."})");
    r.dispatch(fw::Event::speech_done());
    r.advance(5s);
    CHECK(voice(r).state() == VoiceState::Idle);
    say(r, "play jazz");
    CHECK(r.hw.http.whole() == before + 1);
}

TEST_CASE("mute cuts capture and shows solid red, unmute restores both") {
    Rig r;
    r.link();
    CHECK(r.hw.mic.capturing);
    r.press(hal::Button::MicMute);
    r.release(hal::Button::MicMute);
    CHECK_FALSE(r.hw.mic.capturing);
    CHECK(r.speaker->ring_pattern() == RingPattern::MicOff);
    r.press(hal::Button::MicMute);
    CHECK(r.hw.mic.capturing);
    CHECK(r.speaker->ring_pattern() == RingPattern::Off);
}

TEST_CASE("offline, account requests are answered locally and nothing is sent") {
    Rig r;
    r.advance(3s);  // in setup: never signed in
    say(r, "alexa play music");
    CHECK(r.hw.http.sent.empty());
    REQUIRE_FALSE(r.hw.speech.said.empty());
    CHECK(r.hw.speech.said.back().find("not connected") != std::string::npos);
}

TEST_CASE("a factory reset mid-request ends the conversation and empties the audio buffer") {
    Rig r;
    r.link();
    say(r, "alexa play music");
    REQUIRE(voice(r).state() == VoiceState::Thinking);
    REQUIRE(r.has_outstanding());
    const auto voice_request = r.outstanding().id;
    r.dispatch(fw::Event::button_down(hal::Button::Action));
    r.advance(25s);
    CHECK(r.speaker->device_state() == fw::DeviceState::Setup);
    CHECK(voice(r).state() == VoiceState::Idle);
    CHECK(voice(r).buffered_audio_samples() == 0);
    bool cancelled = false;
    for (const auto& sent : r.hw.http.sent)
        if (sent.id == voice_request) cancelled = sent.cancelled;
    CHECK(cancelled);
}

// Issue 12, defect 3: a refresh refused with invalid_grant while the voice side waits for its
// answer. The ring stayed `thinking`, the late answer was taken, and 10 s later the speaker
// said "Sorry, something went wrong" and listened for a Follow-Up, in setup.
TEST_CASE("a sign-out while a voice request is in flight ends the conversation: only the sign-out is said") {
    Rig r;
    r.link();
    // The scheduled refresh goes out...
    r.advance(r.hw.timers.remaining(fw::timer::kAuthRefresh));
    REQUIRE(r.has_outstanding());
    const auto refresh = r.outstanding().id;
    // ...and while its answer is on its way the person asks for something only the cloud knows.
    say(r, "alexa play music");
    REQUIRE(voice(r).state() == VoiceState::Thinking);
    const auto voice_request = r.outstanding().id;
    REQUIRE(voice_request != refresh);
    r.respond_to(refresh, 400, Rig::error("invalid_grant"));
    CHECK(r.speaker->device_state() == fw::DeviceState::Setup);
    CHECK(voice(r).state() == VoiceState::Idle);
    CHECK(r.speaker->ring_pattern() == RingPattern::SignedOut);
    bool cancelled = false;
    for (const auto& sent : r.hw.http.sent)
        if (sent.id == voice_request) cancelled = sent.cancelled;
    CHECK(cancelled);
    // The voice API's late 401 (the token died with the grant) is dropped, not answered.
    r.respond_to(voice_request, 401, R"({"error":"invalid_token"})");
    CHECK(voice(r).state() == VoiceState::Idle);
    r.dispatch(fw::Event::speech_done());  // the sign-out sentence ends
    for (int i = 0; i < 60; ++i) {
        r.advance(500ms);
        CHECK(voice(r).state() == VoiceState::Idle);
        CHECK(r.speaker->ring_pattern() != RingPattern::Listening);
        CHECK(r.speaker->ring_pattern() != RingPattern::Thinking);
    }
    CHECK(r.speaker->ring_pattern() == RingPattern::Setup);
    REQUIRE(r.hw.speech.said.size() == 1);
    CHECK(r.hw.speech.said[0] == fw::kSignedOutSentence);
    CHECK(r.hw.trace.count("voice", "reset", "signed_out") == 1);
}
