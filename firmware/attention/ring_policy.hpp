#pragma once
// Which pattern the ring shows for the device's situation: the one place that decides it.
// Who may call: the Speaker after every dispatch; tests.
#include "firmware/core/states.hpp"

namespace ringside::fw::attention {

struct RingInputs {
    DeviceState device = DeviceState::Off;
    AuthState auth = AuthState::Unlinked;
    bool wifi_error_shown = false;  // a freshly provisioned join just failed (shown briefly)
    bool signed_out_shown = false;  // the account revoked this speaker moments ago (shown briefly)
    bool cloud_unreachable = false; // the auth client's last exchange got no answer (AuthClient)
    bool wifi_lost = false;         // joining again after the association was lost
};

RingPattern ring_pattern_for(const RingInputs& inputs);

} // namespace ringside::fw::attention
