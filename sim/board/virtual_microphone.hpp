#pragma once
// hal::Microphone over virtual time. The test face speak() turns text into PCM with the
// tone modem (common/tone_modem.hpp) in a household member's voice and plays it as
// 10 ms MicFrame events: kLeadNoise of room noise, the utterance, then kTailNoise of room
// noise (long enough for the device's 700 ms endpointing). Between utterances the room is
// modelled as no frames at all, so a day of virtual time costs no events.
// Room noise is low-level, from the world's seed. While capture is off (the mute cut) the
// frames are dropped here, in the "hardware": the firmware never sees them.
// Who may call: set_capture — the firmware; speak/frames — the world and tests.
#include <cstdint>
#include <string>

#include "firmware/hal/microphone.hpp"
#include "sim/board/device_bus.hpp"
#include "common/prng.hpp"

namespace ringside::sim {

class VirtualMicrophone final : public hal::Microphone {
public:
    static constexpr Millis kLeadNoise{100};
    static constexpr Millis kTailNoise{1'000};
    static constexpr int kNoiseAmplitude = 200;

    VirtualMicrophone(DeviceBus& bus, std::uint64_t seed) : bus_(bus), noise_(seed ^ 0x6d6963u) {}

    void set_capture(bool on) override { capturing_ = on; }
    bool capturing() const { return capturing_; }

    // Queues `text` spoken in `voice` (0..7) after whatever is still being played; returns
    // the virtual time the last frame is due, or false-y 0 when the text cannot be spoken.
    Millis speak(const std::string& text, int voice);
    // Power-off: what is still queued is void (the bus drops it); the queue restarts now.
    void reset() { busy_until_ = Millis{0}; capturing_ = false; }

    std::uint64_t frames_delivered() const { return delivered_; }
    std::uint64_t frames_dropped() const { return dropped_; }

private:
    void post_frame(Millis at, const std::int16_t* samples);

    DeviceBus& bus_;
    common::Prng noise_;
    bool capturing_ = false;
    Millis busy_until_{0};
    std::uint64_t delivered_ = 0;
    std::uint64_t dropped_ = 0;
};

} // namespace ringside::sim
