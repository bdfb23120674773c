#pragma once
// hal::LedRing that latches frames in memory. The test face reads the last frame (what a
// person would see now) and how many frames were shown (animation activity).
// Who may call: show() — the firmware; the rest — the world and tests.
#include <cstdint>

#include "firmware/hal/led_ring.hpp"

namespace ringside::sim {

class VirtualLedRing final : public hal::LedRing {
public:
    void show(const hal::RingFrame& frame) override {
        frame_ = frame;
        ++frames_shown_;
    }

    // Power-off: the LEDs go dark. The frame count keeps counting across power cycles.
    void go_dark() { frame_ = hal::RingFrame{}; }

    const hal::RingFrame& frame() const { return frame_; }
    std::uint64_t frames_shown() const { return frames_shown_; }
    // LEDs that are not black in the current frame.
    std::size_t lit() const {
        std::size_t n = 0;
        for (const hal::Rgb& led : frame_) n += led != hal::Rgb{} ? 1 : 0;
        return n;
    }

private:
    hal::RingFrame frame_{};
    std::uint64_t frames_shown_ = 0;
};

} // namespace ringside::sim
