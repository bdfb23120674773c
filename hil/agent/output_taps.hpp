#pragma once
// The firmware's outputs, teed onto the link: the port installs these in the firmware's
// hal::Board in place of its own trace sink, loudspeaker and LED ring, and each passes every
// call on to the real part (or a port's own trace) as well as sending it to the host.
//   TraceTap   -> Trace (stamped with world time), never stops a lockstep grant
//   SpeechTap  -> Speech, as each sentence starts; stops a grant
//   RingTap    -> RingFrame for every frame shown, only while the host streams (StreamRing)
// A message too long for a frame is clipped, not lost: a trace line or sentence of over
// ~1000 bytes is a firmware bug the host should still see.
// Who may call: emit/say/stop/show — the firmware, during dispatch; the rest — the agent.
#include <string_view>

#include "firmware/hal/led_ring.hpp"
#include "firmware/hal/speech.hpp"
#include "firmware/hal/trace.hpp"
#include "hil/agent/board_port.hpp"
#include "hil/agent/outbox.hpp"

namespace ringside::hil {

class TraceTap final : public hal::TraceSink {
public:
    // `tee` (may be null) also receives every record, e.g. the port's debug console.
    TraceTap(Outbox& outbox, const BoardPort& clock, hal::TraceSink* tee) : outbox_(outbox), clock_(clock), tee_(tee) {}
    void emit(const hal::TraceRecord& record) override;

private:
    Outbox& outbox_;
    const BoardPort& clock_;
    hal::TraceSink* tee_;
};

class SpeechTap final : public hal::Speech {
public:
    SpeechTap(Outbox& outbox, hal::Speech& loudspeaker) : outbox_(outbox), loudspeaker_(loudspeaker) {}
    void say(std::string_view text) override;
    void stop() override { loudspeaker_.stop(); }

private:
    Outbox& outbox_;
    hal::Speech& loudspeaker_;
};

class RingTap final : public hal::LedRing {
public:
    RingTap(Outbox& outbox, hal::LedRing& leds) : outbox_(outbox), leds_(leds) {}
    void show(const hal::RingFrame& frame) override;
    void set_streaming(bool on) { streaming_ = on; }
    bool streaming() const { return streaming_; }

private:
    Outbox& outbox_;
    hal::LedRing& leds_;
    bool streaming_ = false;
};

} // namespace ringside::hil
