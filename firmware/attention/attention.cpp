#include "firmware/attention/attention.hpp"

#include "firmware/attention/render.hpp"

namespace ringside::fw::attention {

Attention::Attention(hal::LedRing& ring, const Tracer& tracer) : ring_(ring), tracer_(tracer) {}

void Attention::show(RingPattern pattern) {
    if (showing_ && pattern == pattern_) return;
    showing_ = true;
    pattern_ = pattern;
    started_ = tracer_.now();
    tracer_.emit("ring", "pattern", to_string(pattern));
    frame_ = frame_now();
    ring_.show(frame_);
}

hal::RingFrame Attention::frame_now() const {
    if (!showing_) return hal::RingFrame{};
    return render(pattern_, tracer_.now() - started_);
}

void Attention::refresh() {
    if (!showing_ || !is_animated(pattern_)) return;
    const hal::RingFrame next = frame_now();
    if (next == frame_) return;
    frame_ = next;
    ring_.show(frame_);
}

} // namespace ringside::fw::attention
