#pragma once
// A speaker its owner set up before: on the home Wi-Fi, signed out, so that powering it on
// goes straight to the device grant and a user code, with no companion app in the room.
// The firmware keeps Wi-Fi credentials only together with a refresh token (a speaker that
// never linked boots back into setup, firmware/lifecycle/device_lifecycle.hpp), so "already
// on the Wi-Fi" is played the only way the firmware allows: the companion app hands the home
// network over the moment the speaker asks for setup (HomeWifiHandOver).
// Who may call: the world's thread (sim/issuer/issuer_session.hpp, the demo window, tests).
#include <cstdint>
#include <string>

#include "sim/virtual_speaker.hpp"

namespace ringside::sim {

inline constexpr const char* kHomeSsid = "Home";

// The world of such a speaker, built to sign in with `issuer` (any RFC 8414 + RFC 8628
// server) on the open internet (WorldConfig::open_internet), on the wall clock's calendar:
// world start and RTC at `wall_unix_now` (unix seconds), the TLS certificate check's window
// around it (the real TLS stack checks the real certificate), no virtual link latency (the
// real round trip is counted by the cloud, sim/cloud_client/issuer_cloud.hpp).
WorldConfig signed_out_on_home_wifi(const std::string& issuer, std::int64_t wall_unix_now, std::uint64_t seed = 1);

// The companion app's part of that: whenever the speaker is in setup (first boot, after a
// factory reset or a sign-out), it hands over the home Wi-Fi, once per visit to setup.
class HomeWifiHandOver {
public:
    // Call after the world moved (each frame). True when it handed the network over now.
    bool poll(VirtualSpeaker& speaker);

private:
    bool handed_ = false;  // handed over during this visit to setup
};

} // namespace ringside::sim
