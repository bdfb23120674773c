#include "sim/app/home_wifi.hpp"

namespace ringside::sim {
namespace {

// Not a secret worth the name, but a password all the same: at least 4 characters, so the
// world's secret witness proves it never leaks.
constexpr const char* kHomePassword = "home-wifi-passphrase";
constexpr std::int64_t kYear = 365LL * 24 * 3600;

} // namespace

WorldConfig signed_out_on_home_wifi(const std::string& issuer, std::int64_t wall_unix_now, std::uint64_t seed) {
    WorldConfig config;
    config.seed = seed;
    config.cloud.seed = seed;
    config.cloud.issuer = issuer;
    // 2.4 GHz without congestion is the one link the world plays at its fixed latency (zero
    // here); any other band draws a modelled latency on top of the real one.
    config.networks.push_back(WifiNetwork{kHomeSsid, kHomePassword, WifiBand::GHz2_4});
    config.network_latency = Millis(0);
    config.world_start_unix = wall_unix_now;
    config.device_rtc_unix = wall_unix_now;
    config.cert_not_before_unix = wall_unix_now - kYear;
    config.cert_not_after_unix = wall_unix_now + kYear;
    config.open_internet = true;
    return config;
}

bool HomeWifiHandOver::poll(VirtualSpeaker& speaker) {
    if (speaker.device_state() != fw::DeviceState::Setup) {
        handed_ = false;
        return false;
    }
    if (handed_) return false;
    handed_ = true;
    speaker.provision(kHomeSsid, kHomePassword, "");
    return true;
}

} // namespace ringside::sim
