#pragma once
// The microphone: 16-bit mono PCM at 8 kHz, delivered as MicFrame events of 10 ms
// (80 samples) each while capture is on. The mute button's cut is set_capture(false):
// from then on the microphone delivers no frames at all, so no audio can reach the
// firmware, let alone leave the device.
// Who may call: the voice assistant (set_capture), during dispatch.
#include <cstddef>
#include <cstdint>

namespace ringside::hal {

inline constexpr std::size_t kMicSampleRateHz = 8'000;
inline constexpr std::size_t kMicFrameSamples = 80;  // 10 ms

class Microphone {
public:
    virtual void set_capture(bool on) = 0;

protected:
    ~Microphone() = default;
};

} // namespace ringside::hal
