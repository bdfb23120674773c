#include "firmware/setup/provisioning_reporter.hpp"

namespace ringside::fw {
namespace {

hal::SetupProgress join_failure(hal::WifiFailure why) {
    switch (why) {
        case hal::WifiFailure::WrongPassword: return hal::SetupProgress::WifiWrongPassword;
        case hal::WifiFailure::NotFound: return hal::SetupProgress::WifiNotFound;
        case hal::WifiFailure::Other:
        case hal::WifiFailure::Lost: break;
    }
    return hal::SetupProgress::WifiFailed;
}

} // namespace

void ProvisioningReporter::observe(const Event& event, DeviceState device, AuthState auth) {
    if (state_ != State::Idle && device == DeviceState::Setup && event.type == EventType::WifiFailed) {
        // The lifecycle gave up on freshly provisioned credentials: the app must ask again.
        tell(join_failure(event.wifi_failure));
        state_ = State::Idle;
        return;
    }
    if (device == DeviceState::Setup || device == DeviceState::Error || device == DeviceState::Off) {
        if (state_ != State::Idle && event.type != EventType::SetupCredentials) state_ = State::Idle;
    }
    switch (state_) {
        case State::Idle:
            if (event.type == EventType::SetupCredentials && device == DeviceState::JoiningWifi) {
                tell(hal::SetupProgress::Received);
                state_ = State::Joining;
            }
            return;
        case State::Joining:
            if (device == DeviceState::Authorizing || device == DeviceState::Linked) {
                tell(hal::SetupProgress::WifiJoined);
                state_ = State::OnWifi;
                observe(event, device, auth);  // a linked or code-showing device reports that too
            }
            return;
        case State::OnWifi:
        case State::CodeShown:
            if (device == DeviceState::Linked) {
                tell(hal::SetupProgress::Linked);
                state_ = State::Idle;
            } else if (state_ == State::OnWifi && auth == AuthState::AwaitingApproval) {
                tell(hal::SetupProgress::CodeShown);
                state_ = State::CodeShown;
            }
            return;
    }
}

void ProvisioningReporter::tell(hal::SetupProgress progress) {
    tracer_.emit("setup", "told", hal::to_string(progress));
    channel_.report(progress);
}

} // namespace ringside::fw
