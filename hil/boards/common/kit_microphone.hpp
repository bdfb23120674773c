#pragma once
// hal::Microphone of a lockstep board and the person speaking into it: plays the same PCM,
// frame for frame and sample for sample, as sim::VirtualMicrophone — kLeadNoise of room
// noise, the text tone-coded in the speaker's voice (common/tone_modem.hpp), padded
// to whole frames, kTailNoise of room noise; every sample plus uniform noise in
// [-kNoiseAmplitude, kNoiseAmplitude] from the one PRNG seeded with seed ^ "mic" — as 10 ms
// Event::mic_frame events of hal::kMicFrameSamples, dropped here while capture is off.
//
// What differs is where the samples live: the simulator renders an utterance whole when it
// is spoken; a board has no room for that, so this microphone keeps a small queue of the
// pending utterances' text and voice and renders each frame as it falls due. To stay
// identical it
//   - draws the noise in the same order (utterances play back to back, so rendering them
//     frame by frame draws the stream in the order the simulator drew it at speak time),
//     and when power-off discards what was never played, advances the noise generator by
//     exactly the draws those frames would have taken;
//   - reserves the event queue's scheduling numbers for every frame of an utterance when it
//     is spoken, because the simulator schedules all of them then: a frame ties with a timer
//     due at the same instant exactly as it would there;
//   - voids an utterance spoken for an earlier power generation (spoken while off, or
//     before a power cycle) as sim::DeviceBus does: it still takes its time and its noise.
// Who may call: set_capture — the firmware, from dispatch; speak — the port (its
// hil::BoardMicrophone face, from the agent); reset — the board at power-off; the counters —
// the port and tests.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "firmware/core/fixed_string.hpp"
#include "common/prng.hpp"
#include "firmware/hal/microphone.hpp"
#include "hil/boards/common/event_queue.hpp"
#include "hil/boards/common/firmware_inbox.hpp"
#include "hil/protocol/frame.hpp"

namespace ringside::kit {

class KitMicrophone final : public hal::Microphone, private DueHandler {
public:
    static constexpr Millis kLeadNoise{100};
    static constexpr Millis kTailNoise{1'000};
    static constexpr int kNoiseAmplitude = 200;
    static constexpr Millis kFrameTime{10};
    // Utterances queued at once (one playing, the rest waiting); a further speak() is refused.
    static constexpr std::size_t kMaxPending = 3;
    // Speakable characters per utterance: 6 s of speech after the preamble, the longest
    // utterance the firmware takes (voice::kMaxUtteranceSamples). A board's RAM keeps the
    // queue small; a longer text is refused, not cut.
    static constexpr std::size_t kMaxSymbols = 300;

    KitMicrophone(EventQueue& queue, FirmwareInbox& firmware, std::uint64_t seed);
    KitMicrophone(const KitMicrophone&) = delete;
    KitMicrophone& operator=(const KitMicrophone&) = delete;

    void set_capture(bool on) override { capturing_ = on; }
    bool capturing() const { return capturing_; }

    enum class Spoken : std::uint8_t { Queued, BadVoice, TooLong, Busy };
    // Queues `text` in `voice` (0..7) after whatever is still being played, its first frame
    // 10 ms after now or after the last queued frame. `last_frame_at` (world ms) gets when its
    // last frame is due, as VirtualMicrophone::speak returns it. Unspeakable characters are
    // skipped, as the tone modem skips them.
    Spoken speak(std::string_view text, int voice, Millis& last_frame_at);

    // Power-off: what is still queued is void; the noise generator skips what it would have
    // drawn for it; capture is off and the queue restarts now.
    void reset();

    std::uint64_t frames_delivered() const { return delivered_; }
    std::uint64_t frames_dropped() const { return dropped_; }  // capture off
    std::size_t pending() const { return count_; }

private:
    struct Utterance {
        fw::FixedString<kMaxSymbols> symbols;  // the speakable characters, in order
        std::uint8_t voice = 0;
        std::uint32_t generation = 0;  // the power generation it was spoken in
        Millis first_at{0};            // world time of its first frame
        std::uint64_t first_order = 0; // the scheduling number reserved for its first frame
        std::uint32_t frames = 0;      // lead noise, speech, tail noise
        std::uint32_t played = 0;      // frames rendered so far
        std::size_t speech_samples = 0;
    };

    void on_due(std::uint32_t) override;
    void schedule_next();
    void render(Utterance& u);  // frame u.played into frame_, drawing its noise

    EventQueue& queue_;
    FirmwareInbox& firmware_;
    common::Prng noise_;
    bool capturing_ = false;
    Millis busy_until_{0};  // world time of the last queued frame
    std::array<Utterance, kMaxPending> queue_of_{};  // ring buffer
    std::size_t head_ = 0, count_ = 0;
    EventQueue::Handle next_{};  // the next frame's event
    std::array<std::int16_t, hal::kMicFrameSamples> frame_{};
    std::uint64_t delivered_ = 0;
    std::uint64_t dropped_ = 0;
};

} // namespace ringside::kit
