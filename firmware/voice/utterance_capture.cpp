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
    // An utterance ends at kMaxUtteranceSamples: what follows is a new request, not this one.
    const std::size_t take = std::min({kMaxUtteranceSamples - captured_, count, kHeldSamples});
    make_room(take);
    for (std::size_t i = 0; i < take; ++i) at(captured_ + i) = samples[i];
    captured_ += take;
    if (loud) {
        voiced_ = captured_;
        silence_ = hal::Millis{0};
    } else {
        silence_ += kFrameDuration;
    }
    if (voice_ < 0 && voiced_ >= kPreambleSamples) {
        voice_ = detect_voice(window(0));
        decoded_ = kPreambleSamples;
    }
    decode_ready();
    if (dropping_) released_ = captured_;
    if (silence_ >= kEndpointSilence || take < count) {
        hearing_ = false;
        return Result::Ended;
    }
    return captured_ == take ? Result::Started : Result::Heard;
}

std::string_view UtteranceCapture::text() const {
    if (voice_ < 0 || voiced_ < kPreambleSamples) return {};
    const std::size_t voiced_symbols = (voiced_ - kPreambleSamples) / kSymbolSamples;
    return text_.view().substr(0, std::min(voiced_symbols, text_.size()));
}

std::string_view UtteranceCapture::next_audio(std::size_t max_bytes) const {
    const std::size_t to_ring_end = kHeldSamples - released_ % kHeldSamples;
    const std::size_t samples = std::min({captured_ - released_, to_ring_end, max_bytes / sizeof(std::int16_t)});
    return std::string_view(reinterpret_cast<const char*>(&at(released_)), samples * sizeof(std::int16_t));
}

void UtteranceCapture::take(std::size_t bytes) {
    released_ = std::min(captured_, released_ + bytes / sizeof(std::int16_t));
}

void UtteranceCapture::drop_audio() {
    dropping_ = true;
    released_ = captured_;
}

void UtteranceCapture::clear() {
    std::fill(ring_.begin(), ring_.begin() + static_cast<std::ptrdiff_t>(std::min(captured_, kHeldSamples)), std::int16_t{0});
    captured_ = voiced_ = decoded_ = released_ = 0;
    silence_ = hal::Millis{0};
    hearing_ = dropping_ = lost_ = false;
    voice_ = -1;
    text_.clear();
}

std::size_t UtteranceCapture::keep_from() const {
    // Before the preamble is known the ring keeps it whole; once the text is full nothing
    // more is decoded.
    const std::size_t undecoded = voice_ < 0 ? 0 : (text_.size() >= kMaxText ? captured_ : decoded_);
    return std::min(released_, undecoded);
}

void UtteranceCapture::make_room(std::size_t count) {
    if (captured_ + count - keep_from() <= kHeldSamples) return;
    // Only audio nobody took or dropped in time (a wake word that stays undecided past the
    // pre-roll) ends here: what is overwritten can no longer be sent or decoded.
    const std::size_t overwritten = captured_ + count - kHeldSamples;
    if (released_ < overwritten) {
        released_ = overwritten;
        lost_ = true;
    }
    if (voice_ >= 0 && decoded_ < overwritten) {
        const std::size_t skipped = (overwritten - decoded_ + kSymbolSamples - 1) / kSymbolSamples;
        decoded_ += skipped * kSymbolSamples;
    }
}

void UtteranceCapture::decode_ready() {
    while (voice_ >= 0 && decoded_ + kSymbolSamples <= captured_ && text_.size() < kMaxText) {
        const char c = detect_symbol(window(decoded_));
        text_.append(std::string_view(&c, 1));
        decoded_ += kSymbolSamples;
    }
}

} // namespace ringside::fw::voice
