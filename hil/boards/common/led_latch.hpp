#pragma once
// The board's LED ring as a latch: keeps the last frame the firmware showed (what a person
// would see now), as sim::VirtualLedRing does. A board with a real ring drives its LEDs from
// here or in place of it; the host sees the frames through the agent's RingTap either way.
// Who may call: show — the firmware (through the agent's tap); go_dark — the board at
// power-off; frame/frames_shown — the port and tests.
#include <cstdint>

#include "firmware/hal/led_ring.hpp"

namespace ringside::kit {

class LedLatch final : public hal::LedRing {
public:
    void show(const hal::RingFrame& frame) override {
        frame_ = frame;
        ++frames_shown_;
    }
    // Power-off: the LEDs go dark; the count keeps counting across power cycles.
    void go_dark() { frame_ = hal::RingFrame{}; }

    const hal::RingFrame& frame() const { return frame_; }
    std::uint64_t frames_shown() const { return frames_shown_; }

private:
    hal::RingFrame frame_{};
    std::uint64_t frames_shown_ = 0;
};

} // namespace ringside::kit
