#include "sim/board/virtual_microphone.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "common/tone_modem.hpp"

namespace ringside::sim {
namespace {
constexpr std::size_t kFrame = hal::kMicFrameSamples;
constexpr Millis kFrameTime{10};
} // namespace

Millis VirtualMicrophone::speak(const std::string& text, int voice) {
    const std::size_t speech = common::tone_modem::encoded_length(text);
    const std::size_t lead = static_cast<std::size_t>(kLeadNoise / kFrameTime) * kFrame;
    const std::size_t tail = static_cast<std::size_t>(kTailNoise / kFrameTime) * kFrame;
    // Whole frames, so the utterance starts on a frame boundary as a DMA block would.
    const std::size_t speech_frames = (speech + kFrame - 1) / kFrame;
    std::vector<std::int16_t> pcm(lead + speech_frames * kFrame + tail, 0);
    if (common::tone_modem::encode(text, voice, pcm.data() + lead, speech) == 0) return Millis{0};
    for (std::size_t i = 0; i < pcm.size(); ++i) {
        const auto r = static_cast<int>(noise_.next() % (2 * kNoiseAmplitude + 1)) - kNoiseAmplitude;
        pcm[i] = static_cast<std::int16_t>(std::clamp(pcm[i] + r, -32768, 32767));
    }
    Millis at = std::max(busy_until_, bus_.scheduler().now());
    for (std::size_t off = 0; off < pcm.size(); off += kFrame) {
        at += kFrameTime;
        post_frame(at, pcm.data() + off);
    }
    busy_until_ = at;
    return at;
}

void VirtualMicrophone::post_frame(Millis at, const std::int16_t* samples) {
    std::array<std::int16_t, kFrame> frame{};
    std::copy(samples, samples + kFrame, frame.begin());
    bus_.post_at(at, [this, frame] {
        if (!capturing_) {
            ++dropped_;
            return;
        }
        ++delivered_;
        bus_.dispatch(fw::Event::mic_frame(frame.data(), frame.size()));
    });
}

} // namespace ringside::sim
