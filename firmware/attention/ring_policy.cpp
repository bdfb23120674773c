#include "firmware/attention/ring_policy.hpp"

namespace ringside::fw::attention {

RingPattern ring_pattern_for(const RingInputs& in) {
    switch (in.device) {
        case DeviceState::Off: return RingPattern::Off;
        case DeviceState::Booting: return RingPattern::Booting;
        case DeviceState::Setup:
            if (in.signed_out_shown) return RingPattern::SignedOut;
            return in.wifi_error_shown ? RingPattern::WifiError : RingPattern::Setup;
        // A speaker that was online and lost its network shows purple, as an Echo does.
        case DeviceState::JoiningWifi: return in.wifi_lost ? RingPattern::WifiError : RingPattern::Setup;
        case DeviceState::Authorizing:
            switch (in.auth) {
                case AuthState::AwaitingApproval: return RingPattern::Authorizing;
                case AuthState::Failed: return RingPattern::Error;
                // Still getting to a code: orange while the cloud answers, purple (a
                // connection problem, as on an Echo) while it cannot be reached. A code
                // already shown stays shown (above), whatever its polls meet.
                default: return in.cloud_unreachable ? RingPattern::WifiError : RingPattern::Setup;
            }
        // Linked but Expired still shows idle: refresh retries silently, as on an Echo;
        // the customer only notices when a cloud request fails.
        case DeviceState::Linked: return RingPattern::Off;
        case DeviceState::Error: return RingPattern::Error;
    }
    return RingPattern::Off;
}

} // namespace ringside::fw::attention
