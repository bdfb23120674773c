#include "hil/agent/wifi_proxy.hpp"

namespace ringside::hil {

void WifiProxy::prefer_band(hal::WifiBand band) { outbox_.send(WifiPreferBand{band}, Notice::HostMustSee); }

void WifiProxy::join(std::string_view ssid, std::string_view password) {
    // Pending even if the frame was dropped: the host sees the gap and fails the run, and a
    // radio that lost a join reports nothing either.
    join_pending_ = true;
    associated_ = false;  // a join replaces whatever association there was
    outbox_.send(WifiJoin{ssid, password}, Notice::HostMustSee);
}

void WifiProxy::leave() {
    join_pending_ = false;
    associated_ = false;
    outbox_.send(WifiLeave{}, Notice::HostMustSee);
}

void WifiProxy::on_result(const WifiResult& result) {
    const bool lost = !result.joined && result.failure == hal::WifiFailure::Lost;
    if (lost ? !associated_ : !join_pending_) {
        ++stats_.stray_wifi_results;
        return;
    }
    join_pending_ = false;
    associated_ = result.joined;
    port_.deliver(result.joined ? fw::Event::wifi_joined() : fw::Event::wifi_failed(result.failure));
}

} // namespace ringside::hil
