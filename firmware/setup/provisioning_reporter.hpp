#pragma once
// Tells the companion app how a provisioning it started is going, over hal::SetupChannel.
// It watches the device after each event rather than being called from the lifecycle, so
// the lifecycle and auth machines stay unaware of the app.
//
//   Idle --credentials taken (device setup -> joining_wifi)--> Joining      tell: received
//   Joining --device reaches authorizing--> OnWifi                          tell: wifi_joined
//   Joining --join failed, device back in setup--> Idle    tell: wifi_wrong_password |
//                                                                wifi_not_found | wifi_failed
//   OnWifi --auth awaiting_approval--> CodeShown                            tell: code_shown
//   OnWifi | CodeShown --device linked--> Idle                              tell: linked
//   any --device setup (reset), error or off--> Idle                        (nothing told)
//
// Only a session the app started is reported: a speaker booting from stored credentials
// has nobody listening. Who may call: the Speaker, after each dispatched event.
#include <cstdint>

#include "firmware/core/event.hpp"
#include "firmware/core/states.hpp"
#include "firmware/core/tracer.hpp"
#include "firmware/hal/setup_channel.hpp"

namespace ringside::fw {

class ProvisioningReporter {
public:
    enum class State : std::uint8_t { Idle, Joining, OnWifi, CodeShown };

    ProvisioningReporter(hal::SetupChannel& channel, const Tracer& tracer) : channel_(channel), tracer_(tracer) {}

    // The one transition function: `event` was just handled, leaving the device in `device`
    // and the auth client in `auth`.
    void observe(const Event& event, DeviceState device, AuthState auth);

    State state() const { return state_; }

private:
    void tell(hal::SetupProgress progress);

    hal::SetupChannel& channel_;
    const Tracer& tracer_;
    State state_ = State::Idle;
};

} // namespace ringside::fw
