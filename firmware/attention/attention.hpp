#pragma once
// Drives the LED ring. A pattern is a function of time (render.hpp): when the pattern
// changes the ring gets its first frame at once, and from then on whoever refreshes the LEDs
// asks for the frame of the moment — a board's LED driver at its own refresh rate
// (refresh()), the simulator when someone looks at the ring (frame_now()). Nothing ticks for
// the animation: a device spinning orange in setup for a day costs no events (a 30 fps
// animation timer was 2.6 million events a day, most of what a day-long scenario cost on a
// host, and more on an emulated MCU).
// Who may call: the Speaker (show, refresh); observation from anyone.
#include "firmware/core/states.hpp"
#include "firmware/core/tracer.hpp"
#include "firmware/hal/led_ring.hpp"

namespace ringside::fw::attention {

class Attention {
public:
    Attention(hal::LedRing& ring, const Tracer& tracer);

    // Switches to `pattern`; no-op (no trace, no frame) when it is already showing.
    void show(RingPattern pattern);
    // The frame of the pattern now, on the firmware's clock (dark before the first show()).
    hal::RingFrame frame_now() const;
    // Hands frame_now() to the ring when it differs from the frame showing: most patterns
    // change more slowly than an LED driver refreshes, and an identical frame would only
    // cost bus traffic.
    void refresh();

    RingPattern pattern() const { return pattern_; }
    const hal::RingFrame& frame() const { return frame_; }  // the frame last handed to the ring

private:
    hal::LedRing& ring_;
    const Tracer& tracer_;
    RingPattern pattern_ = RingPattern::Off;
    bool showing_ = false;  // nothing shown before power-on
    hal::Millis started_{0};
    hal::RingFrame frame_{};
};

} // namespace ringside::fw::attention
