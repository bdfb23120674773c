#include "sim/board/virtual_wifi.hpp"

#include "sim/virtual_speaker.hpp"

namespace ringside::sim {

void VirtualWifi::join(std::string_view ssid, std::string_view password) {
    leave();  // a new join replaces any association or attempt in progress
    ++join_attempts_;
    ssid_.assign(ssid);
    // Decide when the radio answers, against the networks in range at that moment.
    pending_ = bus_.post_at(bus_.scheduler().now() + kJoinDelay,
                            [this, ssid = std::string(ssid), password = std::string(password)] {
                                pending_ = {};
                                const hal::WifiFailure why = verdict(ssid, password);
                                associated_ = why == kJoined;
                                bus_.dispatch(associated_ ? fw::Event::wifi_joined() : fw::Event::wifi_failed(why));
                            });
}

void VirtualWifi::leave() {
    bus_.scheduler().cancel(pending_);
    pending_ = {};
    associated_ = false;
}

void VirtualWifi::set_access_points_on(bool on) {
    access_points_on_ = on;
    if (on || !associated_) return;
    associated_ = false;
    bus_.dispatch(fw::Event::wifi_failed(hal::WifiFailure::Lost));
}

hal::WifiFailure VirtualWifi::verdict(const std::string& ssid, const std::string& password) const {
    if (!access_points_on_) return hal::WifiFailure::NotFound;
    for (const WifiNetwork& network : in_range_) {
        if (network.ssid != ssid) continue;
        const bool scanned = band_ == hal::WifiBand::Any ||
                             (band_ == hal::WifiBand::GHz5) == (network.band == WifiBand::GHz5);
        if (!scanned) continue;  // on the band the radio did not scan
        return network.password == password ? kJoined : hal::WifiFailure::WrongPassword;
    }
    return hal::WifiFailure::NotFound;
}

} // namespace ringside::sim
