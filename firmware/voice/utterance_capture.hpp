#pragma once
// Voice activity and endpointing over microphone frames, with the utterance's audio kept in
// a fixed buffer (no heap: it lives inside the Speaker, allocated once at start-up) and its
// text decoded on the fly, a character per 20 ms, so the wake word is known while the
// person is still talking.
//
//   Quiet --frame louder than kSpeechPower--> Hearing (audio kept from this frame on)
//   Hearing --kEndpointSilence of quiet frames--> Quiet, reporting Ended
// Who may call: the voice assistant only.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "firmware/core/fixed_string.hpp"
#include "firmware/hal/clock.hpp"
#include "firmware/voice/tone_codec.hpp"

namespace ringside::fw::voice {

inline constexpr double kSpeechPower = 1.0e6;           // mean power; noise is ~1e4, a voice ~3e7
inline constexpr hal::Millis kEndpointSilence{700};     // quiet this long ends the utterance
inline constexpr hal::Millis kFrameDuration{10};
inline constexpr std::size_t kMaxUtteranceSamples = kSampleRateHz * 6;  // 6 s of speech
inline constexpr std::size_t kMaxText = 96;

class UtteranceCapture {
public:
    enum class Result : std::uint8_t { None, Started, Heard, Ended };

    // One 10 ms frame (kFrameSamples samples; other sizes are taken as they come).
    Result on_frame(const std::int16_t* samples, std::size_t count);

    bool hearing() const { return hearing_; }
    std::string_view text() const { return text_.view(); }  // decoded so far
    int voice() const { return voice_; }                     // -1 until the preamble is heard
    // The voiced audio (trailing silence dropped), little-endian L16 bytes.
    std::string_view audio_bytes() const;
    std::size_t audio_samples() const { return voiced_; }
    // Zeroes the buffer: nothing of the utterance stays on the device.
    void clear();

private:
    std::array<std::int16_t, kMaxUtteranceSamples> samples_{};
    std::size_t kept_ = 0;      // samples in the buffer
    std::size_t voiced_ = 0;    // up to the end of the last loud frame
    std::size_t decoded_ = 0;   // samples turned into text so far
    hal::Millis silence_{0};
    bool hearing_ = false;
    int voice_ = -1;
    FixedString<kMaxText> text_;
};

} // namespace ringside::fw::voice
