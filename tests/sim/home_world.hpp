#pragma once
// The world most sim tests start from: a home Wi-Fi network and the account jane, with one
// seed for both the device and the cloud. Tests adjust jane (MFA, voice) or the network's
// password where they need to.
#include <cstdint>
#include <string>

#include "sim/virtual_speaker.hpp"

namespace ringside::sim::test {

inline cloud::Account jane(std::string password = "correct horse") { return cloud::Account{"jane", "", std::move(password)}; }

inline WorldConfig home_world(std::uint64_t seed, cloud::Account account = jane(),
                              std::string wifi_password = "wifi-secret") {
    WorldConfig config;
    config.seed = seed;
    config.cloud.seed = seed;
    config.cloud.accounts.push_back(std::move(account));
    config.networks.push_back(WifiNetwork{"Home", std::move(wifi_password)});
    return config;
}

} // namespace ringside::sim::test
