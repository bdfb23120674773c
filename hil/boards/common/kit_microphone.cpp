#include "hil/boards/common/kit_microphone.hpp"

#include "common/tone_modem.hpp"

namespace ringside::kit {
namespace {
constexpr std::size_t kFrame = hal::kMicFrameSamples;
constexpr std::uint32_t kLeadFrames = static_cast<std::uint32_t>(KitMicrophone::kLeadNoise / KitMicrophone::kFrameTime);
constexpr std::uint32_t kTailFrames = static_cast<std::uint32_t>(KitMicrophone::kTailNoise / KitMicrophone::kFrameTime);
constexpr std::size_t kLeadSamples = kLeadFrames * kFrame;
} // namespace

KitMicrophone::KitMicrophone(EventQueue& queue, FirmwareInbox& firmware, std::uint64_t seed)
    : queue_(queue), firmware_(firmware), noise_(seed ^ 0x6d6963u) {}  // "mic", as the simulator seeds it

KitMicrophone::Spoken KitMicrophone::speak(std::string_view text, int voice, Millis& last_frame_at) {
    if (voice < 0 || voice >= common::tone_modem::kVoiceCount) return Spoken::BadVoice;
    if (count_ == kMaxPending) return Spoken::Busy;
    Utterance& u = queue_of_[(head_ + count_) % kMaxPending];
    u.symbols.clear();
    for (char c : text)
        if (common::tone_modem::symbol_of(c) >= 0 && !u.symbols.push_back(c)) return Spoken::TooLong;
    u.voice = static_cast<std::uint8_t>(voice);
    u.generation = firmware_.power_generation();
    u.speech_samples = common::tone_modem::encoded_length(u.symbols.view());
    // Whole frames, so the utterance starts on a frame boundary as a DMA block would.
    const auto speech_frames = static_cast<std::uint32_t>((u.speech_samples + kFrame - 1) / kFrame);
    u.frames = kLeadFrames + speech_frames + kTailFrames;
    u.played = 0;
    const Millis after = busy_until_ > queue_.now() ? busy_until_ : queue_.now();
    u.first_at = after + kFrameTime;
    u.first_order = queue_.reserve_order(u.frames);  // every frame "scheduled" now, as in the simulator
    busy_until_ = after + kFrameTime * static_cast<long long>(u.frames);
    ++count_;
    if (!next_) schedule_next();
    last_frame_at = busy_until_;
    return Spoken::Queued;
}

void KitMicrophone::schedule_next() {
    if (count_ == 0) {
        next_ = {};
        return;
    }
    const Utterance& u = queue_of_[head_];
    next_ = queue_.schedule_reserved(u.first_at + kFrameTime * static_cast<long long>(u.played),
                                     u.first_order + u.played, *this, 0);
}

void KitMicrophone::render(Utterance& u) {
    const std::size_t first = static_cast<std::size_t>(u.played) * kFrame;
    frame_.fill(0);
    // The part of the frame that carries speech (none in the lead and tail noise).
    const std::size_t speech_end = kLeadSamples + u.speech_samples;
    const std::size_t from = first > kLeadSamples ? first : kLeadSamples;
    const std::size_t to = first + kFrame < speech_end ? first + kFrame : speech_end;
    if (from < to)
        common::tone_modem::encode_part(u.symbols.view(), u.voice, from - kLeadSamples, frame_.data() + (from - first), to - from);
    for (std::int16_t& sample : frame_) {
        const auto r = static_cast<int>(noise_.next() % (2 * kNoiseAmplitude + 1)) - kNoiseAmplitude;
        const int mixed = sample + r;
        sample = static_cast<std::int16_t>(mixed < -32768 ? -32768 : mixed > 32767 ? 32767 : mixed);
    }
    ++u.played;
}

void KitMicrophone::on_due(std::uint32_t) {
    next_ = {};
    Utterance& u = queue_of_[head_];
    render(u);
    // sim::DeviceBus::post_at: meant for the firmware attached when it was spoken, if any.
    const bool live = u.generation == firmware_.power_generation() && firmware_.powered();
    if (u.played == u.frames) {
        head_ = (head_ + 1) % kMaxPending;
        --count_;
    }
    schedule_next();  // with its reserved number: the order it was "scheduled" in at speak time
    if (!live) return;
    if (!capturing_) {  // the mute cut, in the "hardware": the firmware never sees the frame
        ++dropped_;
        return;
    }
    ++delivered_;
    firmware_.deliver(fw::Event::mic_frame(frame_.data(), frame_.size()));
}

void KitMicrophone::reset() {
    // The simulator drew every queued frame's noise when it was spoken; draw what was never
    // played, so the next utterance hears the same noise on both.
    for (std::size_t i = 0; i < count_; ++i) {
        const Utterance& u = queue_of_[(head_ + i) % kMaxPending];
        for (std::uint64_t n = std::uint64_t{u.frames - u.played} * kFrame; n != 0; --n) noise_.next();
    }
    head_ = 0;
    count_ = 0;
    queue_.cancel(next_);
    next_ = {};
    busy_until_ = Millis{0};
    capturing_ = false;
}

} // namespace ringside::kit
