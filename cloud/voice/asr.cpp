#include "cloud/voice/asr.hpp"

#include <cstdint>
#include <vector>

#include "common/tone_modem.hpp"

namespace ringside::cloud {
namespace {

namespace modem = common::tone_modem;

bool separator(char c) { return c == ' ' || c == ',' || c == '.' || c == '?' || c == '-'; }

} // namespace

double asr_speech_power() {
    const double amplitude = modem::kToneAmplitude;
    return amplitude * amplitude / 2.0 / 10.0;
}

HeardUtterance transcribe(const std::string& bytes) {
    HeardUtterance heard;
    std::vector<std::int16_t> pcm(bytes.size() / 2);
    for (std::size_t i = 0; i < pcm.size(); ++i) {
        const auto lo = static_cast<unsigned char>(bytes[2 * i]);
        const auto hi = static_cast<unsigned char>(bytes[2 * i + 1]);
        pcm[i] = static_cast<std::int16_t>(static_cast<std::uint16_t>(lo | (hi << 8)));
    }
    if (pcm.size() < modem::kPreambleSamples) return heard;
    heard.voice = modem::detect_voice(pcm.data());
    const double speech = asr_speech_power();
    for (std::size_t at = modem::kPreambleSamples; at + modem::kSymbolSamples <= pcm.size(); at += modem::kSymbolSamples) {
        if (modem::mean_power(pcm.data() + at, modem::kSymbolSamples) <= speech) break;
        heard.text.push_back(modem::detect_symbol(pcm.data() + at));
    }
    return heard;
}

std::string request_after_wake_word(std::string_view heard, std::string_view wake_word) {
    const bool starts = !wake_word.empty() && heard.substr(0, wake_word.size()) == wake_word &&
                        (heard.size() == wake_word.size() || separator(heard[wake_word.size()]));
    if (!starts) return std::string(heard);
    std::string_view rest = heard.substr(wake_word.size());
    while (!rest.empty() && separator(rest.front())) rest.remove_prefix(1);
    while (!rest.empty() && separator(rest.back())) rest.remove_suffix(1);
    return std::string(rest);
}

} // namespace ringside::cloud
