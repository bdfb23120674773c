#pragma once
// Turns what the firmware shows into Status frames: after every dispatch the port calls
// observe() and a Status goes out only when a field differs from the last one sent (device
// state, auth state, ring pattern, user code, audio buffered). Powered off reads as the
// simulator reports it: off, unlinked, ring off, no code, no audio.
// Who may call: the agent (from BoardAgent::observe / powered_off / the handshake).
#include <cstdint>

#include "firmware/auth/auth_client.hpp"
#include "firmware/core/fixed_string.hpp"
#include "firmware/speaker.hpp"
#include "hil/agent/outbox.hpp"
#include "hil/protocol/messages.hpp"

namespace ringside::hil {

class StatusReporter {
public:
    explicit StatusReporter(Outbox& outbox) : outbox_(outbox) {}
    StatusReporter(const StatusReporter&) = delete;
    StatusReporter& operator=(const StatusReporter&) = delete;

    void observe(const fw::Speaker& speaker);
    void observe_off();
    // Sends the last observation again (after a Hello: the host learns where the board is).
    void resend();

    Status last() const;

private:
    struct Snapshot {
        fw::DeviceState device = fw::DeviceState::Off;
        fw::AuthState auth = fw::AuthState::Unlinked;
        fw::RingPattern ring = fw::RingPattern::Off;
        fw::FixedString<fw::AuthClient::kMaxUserCode> user_code;
        std::uint32_t audio_samples = 0;
    };
    static bool same(const Snapshot& a, const Snapshot& b);
    void report(const Snapshot& now);
    bool send(const Snapshot& s);

    Outbox& outbox_;
    Snapshot last_;
    bool sent_any_ = false;
};

} // namespace ringside::hil
