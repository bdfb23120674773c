#pragma once
// The local setup channel back to the companion app (simulated BLE/SoftAP): the speaker
// tells the app how provisioning is going, so the app can say "wrong Wi-Fi password"
// instead of spinning forever. Fire-and-forget: the app may be gone, nothing comes back.
// Who may call: the firmware's provisioning reporter, during dispatch.
#include <cstdint>
#include <string_view>

namespace ringside::hal {

// What the speaker tells the app, in the order a good setup goes. Never carries a secret.
enum class SetupProgress : std::uint8_t {
    Received,           // Wi-Fi credentials and account hint arrived
    WifiJoined,         // associated with the provisioned network
    WifiWrongPassword,  // the network is in range but refused the password
    WifiNotFound,       // no network with that SSID in range
    WifiFailed,         // the join failed for another reason
    CodeShown,          // a user code is shown: approve it in the app or on the web
    Linked,             // signed in: the app can close its setup screen
};

// The names the app (and scenarios' `expect_app: { told: ... }`) use.
constexpr std::string_view to_string(SetupProgress p) {
    switch (p) {
        case SetupProgress::Received: return "received";
        case SetupProgress::WifiJoined: return "wifi_joined";
        case SetupProgress::WifiWrongPassword: return "wifi_wrong_password";
        case SetupProgress::WifiNotFound: return "wifi_not_found";
        case SetupProgress::WifiFailed: return "wifi_failed";
        case SetupProgress::CodeShown: return "code_shown";
        case SetupProgress::Linked: return "linked";
    }
    return "unknown";
}

class SetupChannel {
public:
    virtual void report(SetupProgress progress) = 0;

protected:
    ~SetupChannel() = default;
};

} // namespace ringside::hal
