// The device listening through the tone modem: voice activity/endpointing, decoding as it
// comes, and the local command grammar (the modem itself: tests/common/tone_modem_test.cpp).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "firmware/voice/local_commands.hpp"
#include "common/tone_modem.hpp"
#include "firmware/voice/utterance_capture.hpp"

using namespace ringside::fw::voice;
using namespace ringside::common::tone_modem;

namespace {

// lead frames of noise, the utterance padded to whole frames, then tail frames of noise.
std::vector<std::int16_t> utterance(const std::string& text, int voice, int noise, std::size_t lead = 10,
                                    std::size_t tail = 100, std::uint32_t seed = 1) {
    std::vector<std::int16_t> speech(encoded_length(text));
    REQUIRE(encode(text, voice, speech.data(), speech.size()) == speech.size());
    const std::size_t frames = (speech.size() + kFrameSamples - 1) / kFrameSamples;
    std::vector<std::int16_t> pcm((lead + frames + tail) * kFrameSamples, 0);
    std::copy(speech.begin(), speech.end(), pcm.begin() + static_cast<long>(lead * kFrameSamples));
    std::uint32_t x = seed;
    for (auto& s : pcm) {
        x = x * 1664525u + 1013904223u;
        const int n = noise ? static_cast<int>(x >> 8) % (2 * noise + 1) - noise : 0;
        s = static_cast<std::int16_t>(s + n);
    }
    return pcm;
}

struct Fed {
    int started_at = -1;  // frame index
    int ended_at = -1;
};

Fed feed(UtteranceCapture& c, const std::vector<std::int16_t>& pcm) {
    Fed fed;
    for (std::size_t f = 0; f * kFrameSamples < pcm.size(); ++f) {
        const auto r = c.on_frame(pcm.data() + f * kFrameSamples, kFrameSamples);
        if (r == UtteranceCapture::Result::Started) fed.started_at = static_cast<int>(f);
        if (r == UtteranceCapture::Result::Ended) { fed.ended_at = static_cast<int>(f); break; }
    }
    return fed;
}

} // namespace

TEST_CASE("every character and every voice survives a round trip through the modem") {
    const std::string all(kAlphabet);
    for (int voice = 0; voice < kVoiceCount; ++voice) {
        auto c = std::make_unique<UtteranceCapture>();
        feed(*c, utterance(all, voice, 0));
        CHECK(c->voice() == voice);
        CHECK(c->text() == all);
    }
}

TEST_CASE("room noise does not change what is heard") {
    for (std::uint32_t seed = 1; seed <= 5; ++seed) {
        auto c = std::make_unique<UtteranceCapture>();
        feed(*c, utterance("alexa, what's on my calendar?", 3, 400, 10, 100, seed));
        CHECK(c->text() == "alexa, what's on my calendar?");
        CHECK(c->voice() == 3);
    }
}

TEST_CASE("voice activity starts at the first loud frame and the endpoint comes after 700 ms of quiet") {
    auto c = std::make_unique<UtteranceCapture>();
    const std::string text = "stop";
    const auto pcm = utterance(text, 0, 200, 10, 100);
    const Fed fed = feed(*c, pcm);
    CHECK(fed.started_at == 10);
    const int speech_frames = static_cast<int>((encoded_length(text) + kFrameSamples - 1) / kFrameSamples);
    // The 70th quiet frame after the last loud one ends it; not one frame earlier.
    CHECK(fed.ended_at == 10 + speech_frames - 1 + 70);
    CHECK(c->text() == "stop");  // the quiet tail decodes as noise, but is no speech
    CHECK_FALSE(c->hearing());
}

TEST_CASE("audio taken as it comes leaves whole, from the first loud frame to the endpoint") {
    auto c = std::make_unique<UtteranceCapture>();
    const auto pcm = utterance("alexa play some jazz music please", 2, 200, 10, 100);
    std::string out;
    std::size_t most_held = 0;
    for (std::size_t f = 0; f * kFrameSamples < pcm.size(); ++f) {
        const auto r = c->on_frame(pcm.data() + f * kFrameSamples, kFrameSamples);
        most_held = std::max(most_held, c->held_samples());
        // Taken only once the wake word is known, as the voice assistant does.
        if (c->text().size() >= 6)
            for (auto piece = c->next_audio(320); !piece.empty(); piece = c->next_audio(320)) {
                CHECK(piece.size() <= 320);
                out.append(piece);
                c->take(piece.size());
            }
        if (r == UtteranceCapture::Result::Ended) break;
    }
    CHECK_FALSE(c->audio_lost());
    CHECK(c->held_samples() == 0);
    CHECK(most_held <= 1'360);  // the pre-roll: preamble, six symbols, a frame
    const std::size_t speech_frames = (encoded_length("alexa play some jazz music please") + 79) / 80;
    REQUIRE(out.size() == (speech_frames + 70) * kFrameSamples * 2);
    CHECK(std::memcmp(out.data(), pcm.data() + 10 * kFrameSamples, out.size()) == 0);
}

TEST_CASE("audio nobody takes is lost once the ring is full, dropped audio is not held, text decodes either way") {
    auto kept = std::make_unique<UtteranceCapture>();
    feed(*kept, utterance("alexa what's the weather like today", 1, 100));
    CHECK(kept->audio_lost());
    CHECK(kept->held_samples() == kHeldSamples);
    CHECK(kept->text() == "alexa what's the weather like today");

    auto dropped = std::make_unique<UtteranceCapture>();
    const auto pcm = utterance("alexa what's the weather like today", 1, 100);
    for (std::size_t f = 0; f * kFrameSamples < pcm.size(); ++f) {
        const auto r = dropped->on_frame(pcm.data() + f * kFrameSamples, kFrameSamples);
        if (r == UtteranceCapture::Result::Started) dropped->drop_audio();
        CHECK(dropped->held_samples() == 0);
        if (r == UtteranceCapture::Result::Ended) break;
    }
    CHECK_FALSE(dropped->audio_lost());
    CHECK(dropped->text() == "alexa what's the weather like today");
}

TEST_CASE("noise alone is not speech") {
    auto c = std::make_unique<UtteranceCapture>();
    std::vector<std::int16_t> quiet(kFrameSamples * 200, 150);
    for (std::size_t i = 0; i < quiet.size(); i += 2) quiet[i] = -150;
    CHECK(feed(*c, quiet).started_at == -1);
    CHECK(c->held_samples() == 0);
}

TEST_CASE("clear() zeroes the ring") {
    auto c = std::make_unique<UtteranceCapture>();
    feed(*c, utterance("play music", 1, 0));
    REQUIRE(c->held_samples() > 0);
    const std::string_view bytes = c->next_audio(kHeldSamples * 2);
    REQUIRE_FALSE(bytes.empty());
    const char* data = bytes.data();
    const std::size_t size = bytes.size();
    c->clear();
    CHECK(c->held_samples() == 0);
    CHECK(c->text().empty());
    bool all_zero = true;
    for (std::size_t i = 0; i < size; ++i) all_zero = all_zero && data[i] == 0;
    CHECK(all_zero);
}

TEST_CASE("local commands and the wake word") {
    CHECK(local_command_for("stop") == LocalCommand::Stop);
    CHECK(local_command_for("volume up") == LocalCommand::VolumeUp);
    CHECK(local_command_for(" volume down.") == LocalCommand::VolumeDown);
    CHECK(local_command_for("what time is it?") == LocalCommand::Time);
    CHECK(local_command_for("play music") == LocalCommand::None);
    CHECK(local_command_for("stop the music please") == LocalCommand::None);

    CHECK(starts_with_wake_word("alexa stop", "alexa"));
    CHECK(starts_with_wake_word("alexa", "alexa"));
    CHECK_FALSE(starts_with_wake_word("alexander stop", "alexa"));
    CHECK_FALSE(starts_with_wake_word("hey alexa", "alexa"));
    CHECK(may_be_wake_word("ale", "alexa"));
    CHECK_FALSE(may_be_wake_word("alb", "alexa"));
    CHECK(strip_wake_word("alexa, what time is it", "alexa") == "what time is it");
}
