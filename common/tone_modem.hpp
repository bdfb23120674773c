#pragma once
// The tone modem that stands in for a human voice: the wire format of speech, which the
// device (wake word, local commands), the world's microphone and the mock cloud's "ASR"
// must agree on. Only the format lives here: how each side listens (voice activity,
// endpointing, the wake word) is its own business (firmware/voice, cloud/service/voice).
//
// Audio: 16-bit mono PCM at 8 kHz. An utterance is
//   preamble: 40 ms (320 samples) of the speaker's pitch, 300 + 40*voice Hz (voice 0..7),
//             so a voice is recognisable like a voiceprint;
//   then each character as a 20 ms (160 samples) tone at 700 + 50*i Hz, i its index in
//   kAlphabet. 50 Hz steps are exact DFT bins of a 160-sample window, so neighbouring
//   symbols are orthogonal and a Goertzel filter per symbol separates them.
// Portable, no heap: callers own every buffer. Who may call: anyone.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ringside::common::tone_modem {

inline constexpr int kSampleRateHz = 8'000;
inline constexpr std::size_t kFrameSamples = 80;      // 10 ms microphone frame
inline constexpr std::size_t kSymbolSamples = 160;    // 20 ms per character
inline constexpr std::size_t kPreambleSamples = 320;  // 40 ms speaker pitch
inline constexpr int kVoiceCount = 8;
inline constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789 '?.,-";
inline constexpr std::int16_t kToneAmplitude = 8'000;

// Hz of a voice's preamble pitch and of a symbol's tone.
double voice_pitch_hz(int voice);
double symbol_hz(std::size_t symbol);
// Index of `c` (lower-cased) in kAlphabet, or -1 when it cannot be spoken.
int symbol_of(char c);

// Samples an utterance of `text` needs (unspeakable characters are skipped).
std::size_t encoded_length(std::string_view text);
// Writes the utterance into out[0..); returns samples written, 0 when `capacity` is too
// small or `voice` is out of range.
std::size_t encode(std::string_view text, int voice, std::int16_t* out, std::size_t capacity);
// Writes samples [first, first + count) of that same utterance into out[0..count), the same
// values encode() writes there: a microphone with no room for a whole utterance plays it
// window by window. Returns samples written (fewer than `count` where the utterance ends),
// 0 when `voice` is out of range or `first` is past the end.
std::size_t encode_part(std::string_view text, int voice, std::size_t first, std::int16_t* out, std::size_t count);

// Mean power of a block (sample units squared); voice activity compares it to a threshold.
double mean_power(const std::int16_t* samples, std::size_t count);
// The voice whose pitch dominates a kPreambleSamples window.
int detect_voice(const std::int16_t* preamble);
// The character a kSymbolSamples window carries (strongest symbol tone).
char detect_symbol(const std::int16_t* window);

} // namespace ringside::common::tone_modem
