#include "hil/agent/output_taps.hpp"

#include "hil/protocol/messages.hpp"

namespace ringside::hil {
namespace {

// What is left of a frame's payload after `used` bytes, for one more length-prefixed string.
std::string_view clip_to(std::string_view text, std::size_t used) {
    const std::size_t room = used + 2 <= kMaxPayload ? kMaxPayload - used - 2 : 0;
    return text.substr(0, room);
}

} // namespace

void TraceTap::emit(const hal::TraceRecord& record) {
    if (tee_ != nullptr) tee_->emit(record);
    const std::string_view category = record.category.substr(0, 64);
    const std::string_view event = record.event.substr(0, 64);
    const std::size_t used = 8 + 2 + category.size() + 2 + event.size();
    outbox_.send(TraceMessage{clock_.world_ms(), category, event, clip_to(record.detail, used)}, Notice::Quiet);
}

void SpeechTap::say(std::string_view text) {
    loudspeaker_.say(text);
    outbox_.send(SpeechMessage{clip_to(text, 0)}, Notice::HostMustSee);
}

void RingTap::show(const hal::RingFrame& frame) {
    leds_.show(frame);
    if (streaming_) outbox_.send(RingFrameMessage{frame}, Notice::Quiet);
}

} // namespace ringside::hil
