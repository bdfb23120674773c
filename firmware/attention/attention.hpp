#pragma once
// Drives the LED ring: shows a pattern's first frame at once when the pattern changes,
// then, for animated patterns only, ticks every kFramePeriod on timer::kRingFrame and
// latches the frame of that instant whenever it differs from the one showing.
// Static patterns arm no timer, so an idle device produces no events at all.
// Who may call: the Speaker (show, on_frame_timer, rearm); observation from anyone.
#include "firmware/core/states.hpp"
#include "firmware/core/tracer.hpp"
#include "firmware/hal/led_ring.hpp"
#include "firmware/hal/timers.hpp"

namespace ringside::fw::attention {

class Attention {
public:
    Attention(hal::LedRing& ring, hal::Timers& timers, const Tracer& tracer);

    // Switches to `pattern`; no-op (no trace, no frame) when it is already showing.
    void show(RingPattern pattern);
    // timer::kRingFrame expired.
    void on_frame_timer();
    // Someone cancelled every timer (factory reset): keep the animation going.
    void rearm();

    RingPattern pattern() const { return pattern_; }
    const hal::RingFrame& frame() const { return frame_; }

private:
    void show_frame();

    hal::LedRing& ring_;
    hal::Timers& timers_;
    const Tracer& tracer_;
    RingPattern pattern_ = RingPattern::Off;
    bool showing_ = false;  // nothing latched before power-on
    hal::Millis started_{0};
    hal::RingFrame frame_{};
};

} // namespace ringside::fw::attention
