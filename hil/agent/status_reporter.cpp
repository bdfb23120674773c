#include "hil/agent/status_reporter.hpp"

#include <limits>

namespace ringside::hil {
void StatusReporter::observe(const fw::Speaker& speaker) {
    Snapshot now;
    now.device = speaker.device_state();
    now.auth = speaker.auth_state();
    now.ring = speaker.ring_pattern();
    now.user_code.append_clipped(speaker.user_code());  // codes are 9 chars; a longer one is a firmware bug
    const std::size_t samples = speaker.voice().buffered_audio_samples();
    now.audio_samples = samples > std::numeric_limits<std::uint32_t>::max()
                            ? std::numeric_limits<std::uint32_t>::max()
                            : static_cast<std::uint32_t>(samples);
    report(now);
}

void StatusReporter::observe_off() { report(Snapshot{}); }

void StatusReporter::resend() {
    if (send(last_)) sent_any_ = true;
}

Status StatusReporter::last() const {
    return Status{last_.device, last_.auth, last_.ring, last_.user_code.view(), last_.audio_samples};
}

void StatusReporter::report(const Snapshot& now) {
    if (sent_any_ && same(now, last_)) return;
    // Only what reached the sink counts as told: a dropped Status is sent again next time.
    if (!send(now)) return;
    last_ = now;
    sent_any_ = true;
}

bool StatusReporter::same(const Snapshot& a, const Snapshot& b) {
    return a.device == b.device && a.auth == b.auth && a.ring == b.ring && a.user_code.view() == b.user_code.view() &&
           a.audio_samples == b.audio_samples;
}

bool StatusReporter::send(const Snapshot& s) {
    return outbox_.send(Status{s.device, s.auth, s.ring, s.user_code.view(), s.audio_samples}, Notice::HostMustSee);
}

} // namespace ringside::hil
