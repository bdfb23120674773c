#include "firmware/attention/attention.hpp"

#include "firmware/attention/render.hpp"
#include "firmware/core/timer_ids.hpp"

namespace ringside::fw::attention {

Attention::Attention(hal::LedRing& ring, hal::Timers& timers, const Tracer& tracer)
    : ring_(ring), timers_(timers), tracer_(tracer) {}

void Attention::show(RingPattern pattern) {
    if (showing_ && pattern == pattern_) return;
    showing_ = true;
    pattern_ = pattern;
    started_ = tracer_.now();
    tracer_.emit("ring", "pattern", to_string(pattern));
    show_frame();
    rearm();
}

void Attention::on_frame_timer() {
    if (!showing_ || !is_animated(pattern_)) return;
    // Ticks are fixed-rate, but most patterns change more slowly than 30 fps: latching an
    // identical frame again would only cost bus traffic (and trace volume in the simulator).
    const hal::RingFrame next = render(pattern_, tracer_.now() - started_);
    if (next != frame_) {
        frame_ = next;
        ring_.show(frame_);
    }
    timers_.arm(timer::kRingFrame, kFramePeriod);
}

void Attention::rearm() {
    if (showing_ && is_animated(pattern_))
        timers_.arm(timer::kRingFrame, kFramePeriod);
    else
        timers_.cancel(timer::kRingFrame);
}

void Attention::show_frame() {
    frame_ = render(pattern_, tracer_.now() - started_);
    ring_.show(frame_);
}

} // namespace ringside::fw::attention
