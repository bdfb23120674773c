// The tone modem alone (common/tone_modem.hpp): the speech wire format the device, the world
// and the cloud agree on. How each side listens is tested with that side.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "common/tone_modem.hpp"

using namespace ringside::common::tone_modem;

namespace {

std::vector<std::int16_t> spoken(const std::string& text, int voice) {
    std::vector<std::int16_t> pcm(encoded_length(text));
    REQUIRE(encode(text, voice, pcm.data(), pcm.size()) == pcm.size());
    return pcm;
}

// Reads an utterance back with the modem's detectors only: the preamble's voice, then one
// character per symbol window.
std::string read_back(const std::vector<std::int16_t>& pcm, int& voice) {
    voice = detect_voice(pcm.data());
    std::string text;
    for (std::size_t at = kPreambleSamples; at + kSymbolSamples <= pcm.size(); at += kSymbolSamples)
        text.push_back(detect_symbol(pcm.data() + at));
    return text;
}

} // namespace

TEST_CASE("every character in every voice reads back through the modem's own detectors", "[common][modem]") {
    const std::string all(kAlphabet);
    for (int voice = 0; voice < kVoiceCount; ++voice) {
        int heard_voice = -1;
        CHECK(read_back(spoken(all, voice), heard_voice) == all);
        CHECK(heard_voice == voice);
    }
}

TEST_CASE("the modem's layout: preamble, then a symbol per speakable character, upper case folded", "[common][modem]") {
    CHECK(kPreambleSamples == 320);
    CHECK(kSymbolSamples == 160);
    CHECK(kSampleRateHz == 8000);
    CHECK(encoded_length("") == kPreambleSamples);
    CHECK(encoded_length("Hi!") == kPreambleSamples + 2 * kSymbolSamples);  // '!' cannot be spoken
    CHECK(symbol_of('A') == symbol_of('a'));
    CHECK(symbol_of('!') == -1);
    CHECK(voice_pitch_hz(0) == 300.0);
    CHECK(symbol_hz(1) == 750.0);
    // A tone at full amplitude has half its peak power squared; silence none.
    const auto pcm = spoken("a", 0);
    CHECK(mean_power(pcm.data() + kPreambleSamples, kSymbolSamples) ==
          Approx(double(kToneAmplitude) * kToneAmplitude / 2).epsilon(0.02));
    const std::vector<std::int16_t> quiet(kSymbolSamples, 0);
    CHECK(mean_power(quiet.data(), quiet.size()) == 0.0);
}

TEST_CASE("the modem's samples are pinned, so every side keeps hearing the same words", "[common][modem]") {
    // Any change here changes what every recorded session and every side hears.
    const auto pcm = spoken("a", 1);
    CHECK(pcm[0] == 0);
    CHECK(pcm[1] == static_cast<std::int16_t>(8000 * std::sin(2 * 3.14159265358979323846 * 340.0 / 8000)));
    CHECK(pcm[kPreambleSamples + 1] == static_cast<std::int16_t>(8000 * std::sin(2 * 3.14159265358979323846 * 700.0 / 8000)));
}

TEST_CASE("encode_part writes exactly the samples encode writes there, window by window", "[common][modem]") {
    const std::string text = "Alexa, what's 2+2? \xc3\xa9";  // upper case, unspeakable bytes: skipped alike
    std::vector<std::int16_t> whole(encoded_length(text));
    REQUIRE(encode(text, 5, whole.data(), whole.size()) == whole.size());
    // Windows of several sizes and offsets, across the preamble/symbol boundaries.
    for (std::size_t width : {std::size_t{1}, std::size_t{7}, kFrameSamples, kSymbolSamples, std::size_t{333}}) {
        for (std::size_t first = 0; first < whole.size(); first += width) {
            std::vector<std::int16_t> part(width, 12345);
            const std::size_t n = encode_part(text, 5, first, part.data(), part.size());
            REQUIRE(n == std::min(width, whole.size() - first));
            for (std::size_t i = 0; i < n; ++i) REQUIRE(part[i] == whole[first + i]);
            for (std::size_t i = n; i < width; ++i) REQUIRE(part[i] == 12345);  // nothing past the end
        }
    }
    std::int16_t one = 0;
    CHECK(encode_part(text, 5, whole.size(), &one, 1) == 0);  // past the end
    CHECK(encode_part(text, kVoiceCount, 0, &one, 1) == 0);   // no such voice
}

TEST_CASE("encode refuses a buffer too small and voices out of range", "[common][modem]") {
    std::vector<std::int16_t> out(10);
    CHECK(encode("hello", 0, out.data(), out.size()) == 0);
    std::vector<std::int16_t> big(encoded_length("hi"));
    CHECK(encode("hi", kVoiceCount, big.data(), big.size()) == 0);
    CHECK(encode("hi", -1, big.data(), big.size()) == 0);
}

