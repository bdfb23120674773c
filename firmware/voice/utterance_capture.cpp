#include "firmware/voice/utterance_capture.hpp"

#include <algorithm>

namespace ringside::fw::voice {

UtteranceCapture::Result UtteranceCapture::on_frame(const std::int16_t* samples, std::size_t count) {
    const bool loud = mean_power(samples, count) > kSpeechPower;
    if (!hearing_) {
        if (!loud) return Result::None;
        clear();
        hearing_ = true;
    }
    const std::size_t room = samples_.size() - kept_;
    const std::size_t take = std::min(room, count);
    std::copy(samples, samples + take, samples_.begin() + static_cast<std::ptrdiff_t>(kept_));
    kept_ += take;
    if (loud) {
        voiced_ = kept_;
        silence_ = hal::Millis{0};
    } else {
        silence_ += kFrameDuration;
    }
    if (voice_ < 0 && voiced_ >= kPreambleSamples) {
        voice_ = detect_voice(samples_.data());
        decoded_ = kPreambleSamples;
    }
    while (voice_ >= 0 && decoded_ + kSymbolSamples <= voiced_ && text_.size() < kMaxText) {
        const char c = detect_symbol(samples_.data() + decoded_);
        text_.append(std::string_view(&c, 1));
        decoded_ += kSymbolSamples;
    }
    // A full buffer ends the utterance: what follows could not be sent anyway.
    if (silence_ >= kEndpointSilence || take < count) {
        hearing_ = false;
        return Result::Ended;
    }
    return kept_ == take ? Result::Started : Result::Heard;
}

std::string_view UtteranceCapture::audio_bytes() const {
    return std::string_view(reinterpret_cast<const char*>(samples_.data()), voiced_ * sizeof(std::int16_t));
}

void UtteranceCapture::clear() {
    std::fill(samples_.begin(), samples_.begin() + static_cast<std::ptrdiff_t>(kept_), std::int16_t{0});
    kept_ = voiced_ = decoded_ = 0;
    silence_ = hal::Millis{0};
    hearing_ = false;
    voice_ = -1;
    text_.clear();
}

} // namespace ringside::fw::voice
