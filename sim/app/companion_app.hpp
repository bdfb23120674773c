#pragma once
// The companion app and the person holding it. It reaches the speaker over the local setup
// channel (simulated BLE/SoftAP) and the cloud over the account's signed-in session.
// Its trace lines say what it did and to which account, never a password or a code.
// Who may call: the world (VirtualSpeaker), on behalf of scenarios.
#include <string>
#include <string_view>

#include "sim/board/device_bus.hpp"
#include "sim/board/trace_recorder.hpp"
#include "cloud/service/cloud_access.hpp"

namespace ringside::sim {

class CompanionApp {
public:
    // Discovering the speaker and handing over credentials takes this long.
    static constexpr Millis kSetupChannelDelay{200};

    CompanionApp(DeviceBus& bus, TraceRecorder& trace, cloud::CloudAccess& cloud)
        : bus_(bus), trace_(trace), cloud_(cloud) {}

    // Hands Wi-Fi credentials and the account hint to the speaker. Nothing arrives when the
    // speaker is unpowered now or loses power before the hand-over completes.
    // `band` is the app's hint which band the network is on (Any: none).
    void provision(const std::string& ssid, const std::string& password, const std::string& account,
                   hal::WifiBand band = hal::WifiBand::Any);

    // The user approves `shown_code` (what the speaker displays) from `account`'s session;
    // with `after_polls` > 0 only once the speaker has polled it that many more times (a
    // user who takes a while: CloudService::approve_after_polls).
    // An empty code means the device shows none: UnknownCode, the cloud is not asked.
    cloud::ApprovalResult approve(std::string_view shown_code, const std::string& account, int after_polls = 0);

private:
    DeviceBus& bus_;
    TraceRecorder& trace_;
    cloud::CloudAccess& cloud_;
};

} // namespace ringside::sim
