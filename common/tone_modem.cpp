#include "common/tone_modem.hpp"

#include <cmath>

namespace ringside::common::tone_modem {
namespace {

constexpr double kPi = 3.14159265358979323846;

// Goertzel: power of one frequency in a block; cheaper than an FFT for a few bins.
double goertzel_power(const std::int16_t* samples, std::size_t count, double hz) {
    const double coeff = 2.0 * std::cos(2.0 * kPi * hz / kSampleRateHz);
    double s1 = 0.0, s2 = 0.0;
    for (std::size_t i = 0; i < count; ++i) {
        const double s0 = samples[i] + coeff * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    return s1 * s1 + s2 * s2 - coeff * s1 * s2;
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Samples [from, to) of a tone that starts at sample 0 of its segment.
void tone(double hz, std::size_t from, std::size_t to, std::int16_t* out) {
    for (std::size_t i = from; i < to; ++i) {
        *out++ = static_cast<std::int16_t>(kToneAmplitude * std::sin(2.0 * kPi * hz * static_cast<double>(i) / kSampleRateHz));
    }
}

// Writes the part of segment [start, start + length) of the utterance that falls in the
// window [first, end) to out (indexed from `first`), in `hz`.
void segment(double hz, std::size_t start, std::size_t length, std::size_t first, std::size_t end, std::int16_t* out) {
    const std::size_t from = first > start ? first : start;
    const std::size_t to = end < start + length ? end : start + length;
    if (from < to) tone(hz, from - start, to - start, out + (from - first));
}

} // namespace

double voice_pitch_hz(int voice) { return 300.0 + 40.0 * voice; }
double symbol_hz(std::size_t symbol) { return 700.0 + 50.0 * static_cast<double>(symbol); }

int symbol_of(char c) {
    const auto at = kAlphabet.find(lower(c));
    return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

std::size_t encoded_length(std::string_view text) {
    std::size_t symbols = 0;
    for (char c : text) symbols += symbol_of(c) >= 0 ? 1 : 0;
    return kPreambleSamples + symbols * kSymbolSamples;
}

std::size_t encode(std::string_view text, int voice, std::int16_t* out, std::size_t capacity) {
    const std::size_t needed = encoded_length(text);
    if (voice < 0 || voice >= kVoiceCount || needed > capacity) return 0;
    return encode_part(text, voice, 0, out, needed);
}

std::size_t encode_part(std::string_view text, int voice, std::size_t first, std::int16_t* out, std::size_t count) {
    const std::size_t length = encoded_length(text);
    if (voice < 0 || voice >= kVoiceCount || first >= length) return 0;
    const std::size_t end = first + count < length ? first + count : length;
    segment(voice_pitch_hz(voice), 0, kPreambleSamples, first, end, out);
    std::size_t at = kPreambleSamples;
    for (char c : text) {
        if (at >= end) break;
        const int symbol = symbol_of(c);
        if (symbol < 0) continue;
        segment(symbol_hz(static_cast<std::size_t>(symbol)), at, kSymbolSamples, first, end, out);
        at += kSymbolSamples;
    }
    return end - first;
}

double mean_power(const std::int16_t* samples, std::size_t count) {
    if (count == 0) return 0.0;
    double sum = 0.0;
    for (std::size_t i = 0; i < count; ++i) sum += static_cast<double>(samples[i]) * samples[i];
    return sum / static_cast<double>(count);
}

int detect_voice(const std::int16_t* preamble) {
    int best = 0;
    double best_power = -1.0;
    for (int v = 0; v < kVoiceCount; ++v) {
        const double p = goertzel_power(preamble, kPreambleSamples, voice_pitch_hz(v));
        if (p > best_power) { best_power = p; best = v; }
    }
    return best;
}

char detect_symbol(const std::int16_t* window) {
    std::size_t best = 0;
    double best_power = -1.0;
    for (std::size_t s = 0; s < kAlphabet.size(); ++s) {
        const double p = goertzel_power(window, kSymbolSamples, symbol_hz(s));
        if (p > best_power) { best_power = p; best = s; }
    }
    return kAlphabet[best];
}

} // namespace ringside::common::tone_modem
