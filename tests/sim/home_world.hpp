#pragma once
// The world most sim tests start from: a home Wi-Fi network and the account jane, with one
// seed for both the device and the cloud. Tests adjust jane (MFA, voice) or the network's
// password where they need to.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "firmware/core/states.hpp"
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

// Powers a home_world() speaker on and signs jane in the way a person does: the app hands
// over the home Wi-Fi, jane approves the code shown. Fails the test if a step does not come.
inline void sign_in_at_home(VirtualSpeaker& world) {
    using namespace std::chrono_literals;
    world.power_on();
    REQUIRE(world.run_until(world.now() + 10s, [&] { return world.device_state() == fw::DeviceState::Setup; }));
    world.provision("Home", "wifi-secret", "jane");
    REQUIRE(world.run_until(world.now() + 60s, [&] { return !world.user_code().empty(); }));
    REQUIRE(world.approve_shown_code("jane") == cloud::ApprovalResult::Approved);
    REQUIRE(world.run_until(world.now() + 60s, [&] { return world.auth_state() == fw::AuthState::Linked; }));
}

} // namespace ringside::sim::test
