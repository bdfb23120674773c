#pragma once
// hal::SetupChannel over the link: the companion app is the host's actor. report() goes out
// as SetupReport; the app's SetupCredentials come back as a setup_credentials event.
// Who may call: report — the firmware, during dispatch; on_credentials — the agent.
#include "firmware/hal/setup_channel.hpp"
#include "hil/agent/board_port.hpp"
#include "hil/agent/outbox.hpp"
#include "hil/protocol/messages.hpp"

namespace ringside::hil {

class SetupProxy final : public hal::SetupChannel {
public:
    SetupProxy(Outbox& outbox, BoardPort& port) : outbox_(outbox), port_(port) {}
    SetupProxy(const SetupProxy&) = delete;
    SetupProxy& operator=(const SetupProxy&) = delete;

    void report(hal::SetupProgress progress) override { outbox_.send(SetupReport{progress}, Notice::HostMustSee); }

    // The views point into the received frame, which outlives the dispatch.
    void on_credentials(const SetupCredentials& credentials) {
        port_.deliver(fw::Event::setup_credentials(
            fw::SetupCredentials{credentials.ssid, credentials.password, credentials.account_hint, credentials.band}));
    }

private:
    Outbox& outbox_;
    BoardPort& port_;
};

} // namespace ringside::hil
