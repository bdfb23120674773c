#pragma once
// Voice activity, endpointing and decoding over microphone frames. The utterance's audio is
// not kept: it passes through a small ring (kHeldSamples, inside the Speaker) on its way out,
// either taken by the voice assistant, which streams it to the cloud as it comes, or dropped
// as soon as it is decoded when nobody will send it. The ring only has to hold what arrives
// before the wake word is confirmed (the preamble and "alexa " — 1,280 samples), as an AVS
// device's wake-word engine keeps its pre-roll. The text is decoded on the fly, a character
// per 20 ms, so the wake word is known while the person is still talking.
//
//   Quiet --frame louder than kSpeechPower--> Hearing (audio held from this frame on)
//   Hearing --kEndpointSilence of quiet frames--> Quiet, reporting Ended
// Audio is 16-bit PCM in the device's byte order (little-endian on every target we build
// for: the bytes are L16 as the voice API wants them).
// Who may call: the voice assistant only.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/tone_modem.hpp"
#include "firmware/core/fixed_string.hpp"
#include "firmware/hal/clock.hpp"

namespace ringside::fw::voice {

// The speech wire format (common/tone_modem.hpp), by the names this module uses.
using common::tone_modem::detect_symbol;
using common::tone_modem::detect_voice;
using common::tone_modem::kFrameSamples;
using common::tone_modem::kPreambleSamples;
using common::tone_modem::kSampleRateHz;
using common::tone_modem::kSymbolSamples;
using common::tone_modem::mean_power;

inline constexpr double kSpeechPower = 1.0e6;           // mean power; noise is ~1e4, a voice ~3e7
inline constexpr hal::Millis kEndpointSilence{700};     // quiet this long ends the utterance
inline constexpr hal::Millis kFrameDuration{10};
inline constexpr std::size_t kMaxUtteranceSamples = kSampleRateHz * 6;  // 6 s of speech, then it ends
inline constexpr std::size_t kMaxText = 96;
// The ring: the wake-word pre-roll (preamble + six symbols) with room for a frame or two.
// A whole number of symbols, so the preamble and every symbol window lie flat in it.
inline constexpr std::size_t kHeldSamples = 1'600;
static_assert(kHeldSamples % kSymbolSamples == 0 && kPreambleSamples % kSymbolSamples == 0);

class UtteranceCapture {
public:
    enum class Result : std::uint8_t { None, Started, Heard, Ended };

    // One 10 ms frame (kFrameSamples samples; other sizes are taken as they come, at most
    // kHeldSamples at once).
    Result on_frame(const std::int16_t* samples, std::size_t count);

    bool hearing() const { return hearing_; }
    // Decoded so far, up to the end of the last loud frame (the quiet tail is no speech).
    std::string_view text() const;
    int voice() const { return voice_; }  // -1 until the preamble is heard

    // Audio of this utterance neither taken nor dropped yet (samples).
    std::size_t held_samples() const { return captured_ - released_; }
    // The oldest held audio, as L16 bytes: one contiguous run of the ring (call again after
    // take() for the rest), at most `max_bytes` (even). Valid until the next on_frame/clear.
    std::string_view next_audio(std::size_t max_bytes) const;
    // Releases the first `bytes` of next_audio(): they have left the device.
    void take(std::size_t bytes);
    // Nobody will send this utterance: its audio is dropped as it is decoded, now and until
    // it ends.
    void drop_audio();
    // True when audio was lost because the ring was full (nobody took it in time): what
    // would be sent is no longer the whole utterance.
    bool audio_lost() const { return lost_; }
    // Zeroes the ring: nothing of the utterance stays on the device.
    void clear();

private:
    std::int16_t& at(std::size_t index) { return ring_[index % kHeldSamples]; }
    const std::int16_t& at(std::size_t index) const { return ring_[index % kHeldSamples]; }
    // The first sample the ring must still keep: not yet released, or still to be decoded.
    std::size_t keep_from() const;
    // Makes room for `count` more samples, losing the oldest if it must.
    void make_room(std::size_t count);
    // The preamble or a symbol window: never split by the ring's end (see kHeldSamples).
    const std::int16_t* window(std::size_t from) const { return &at(from); }
    void decode_ready();

    // Indices count samples since the utterance started.
    std::array<std::int16_t, kHeldSamples> ring_{};
    std::size_t captured_ = 0;  // samples heard this utterance
    std::size_t voiced_ = 0;    // up to the end of the last loud frame
    std::size_t decoded_ = 0;   // samples turned into symbols so far (past voiced_ too: text() trims)
    std::size_t released_ = 0;  // samples taken or dropped
    hal::Millis silence_{0};
    bool hearing_ = false;
    bool dropping_ = false;
    bool lost_ = false;
    int voice_ = -1;
    FixedString<kMaxText> text_;
};

} // namespace ringside::fw::voice
