#include "sim/app/companion_app.hpp"

namespace ringside::sim {

void CompanionApp::provision(const std::string& ssid, const std::string& password, const std::string& account,
                             hal::WifiBand band) {
    const std::string detail = "ssid=" + ssid + " account=" + account;
    if (!bus_.attached()) {
        trace_.record_line("app", "provision_unreachable", detail);
        return;
    }
    trace_.record_line("app", "provision", detail);
    bus_.post_at(bus_.scheduler().now() + kSetupChannelDelay, [this, ssid, password, account, band] {
        bus_.dispatch(fw::Event::setup_credentials(fw::SetupCredentials{ssid, password, account, band}));
    });
}

cloud::ApprovalResult CompanionApp::approve(std::string_view shown_code, const std::string& account, int after_polls) {
    const Millis now = bus_.scheduler().now();
    const cloud::ApprovalResult result = shown_code.empty() ? cloud::ApprovalResult::UnknownCode
                                         : after_polls > 0  ? cloud_.approve_after_polls(shown_code, account, after_polls, now)
                                                            : cloud_.approve(shown_code, account, now);
    std::string detail = account + " " + cloud::to_string(result);
    if (after_polls > 0) detail += " after_polls=" + std::to_string(after_polls);
    trace_.record_line("user", "approve", detail);
    return result;
}

} // namespace ringside::sim
