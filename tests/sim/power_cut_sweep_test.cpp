// Power cut at every flash operation of a sign-in and of a refresh, through the whole
// virtual speaker: after power returns the speaker holds the old credentials or the new
// ones, never neither, never a torn mix.
#include <catch2/catch.hpp>

#include "home_world.hpp"

#include <memory>
#include <optional>
#include <string>

#include "firmware/auth/token_store.hpp"
#include "sim/board/virtual_flash.hpp"
#include "sim/virtual_speaker.hpp"

using namespace ringside;
using namespace std::chrono_literals;
using sim::Millis;
using sim::VirtualSpeaker;

namespace {

constexpr std::uint64_t kSeed = 42;

sim::WorldConfig home_world() { return sim::test::home_world(kSeed); }

struct Stored {
    bool present = false;
    std::string ssid, password, refresh_token;
};

// What the firmware would load at boot (test code may see the secret; nothing traces it).
Stored load(VirtualSpeaker& world) {
    auto credentials = std::make_unique<fw::StoredCredentials>();
    auto store = std::make_unique<fw::TokenStore>(world.flash(), world.device_crypto());
    Stored out;
    out.present = store->load(*credentials);
    if (out.present) {
        out.ssid = std::string(credentials->wifi_ssid.view());
        out.password = std::string(credentials->wifi_password.view());
        out.refresh_token = std::string(credentials->refresh_token.view());
    }
    return out;
}

std::uint64_t flash_ops(VirtualSpeaker& world) { return world.flash().erase_count() + world.flash().program_count(); }

void sign_in(VirtualSpeaker& world) {
    world.power_on();
    REQUIRE(world.run_until(world.now() + 10s, [&] { return world.device_state() == fw::DeviceState::Setup; }));
    world.provision("Home", "wifi-secret", "jane");
    REQUIRE(world.run_until(world.now() + 1min, [&] { return !world.user_code().empty(); }));
    REQUIRE(world.approve_shown_code("jane") == cloud::ApprovalResult::Approved);
    REQUIRE(world.run_until(world.now() + 1min, [&] { return world.device_state() == fw::DeviceState::Linked; }));
}

// Through the first refresh (due 50-51 min after linking) and its commit.
void through_first_refresh(VirtualSpeaker& world) { world.advance(55min); }

void power_cycle(VirtualSpeaker& world) {
    world.power_off();
    world.flash().restore_power();
    world.power_on();
}

} // namespace

TEST_CASE("power cut at every flash operation of a sign-in: nothing or the new credentials", "[sim][storage][power_cut]") {
    // The uncut run: how many operations, and what ends up stored.
    std::uint64_t ops = 0;
    Stored linked;
    {
        VirtualSpeaker world(home_world());
        sign_in(world);
        ops = flash_ops(world);
        linked = load(world);
    }
    REQUIRE(ops >= 2);  // at least an erase and a program
    REQUIRE(linked.present);

    for (std::uint64_t cut = 0; cut < ops; ++cut) {
        CAPTURE(cut);
        VirtualSpeaker world(home_world());
        world.flash().cut_power_after(cut);
        sign_in(world);  // linked on RAM whatever the flash did
        REQUIRE(world.flash().power_cut());
        power_cycle(world);
        const Stored after = load(world);
        if (after.present) {
            // Never a torn mix: exactly what the uncut run stored.
            CHECK(after.ssid == linked.ssid);
            CHECK(after.password == linked.password);
            CHECK(after.refresh_token == linked.refresh_token);
            CHECK(world.run_until(world.now() + 1min, [&] {
                return world.device_state() == fw::DeviceState::Linked && world.auth_state() == fw::AuthState::Linked;
            }));
        } else {
            // Nothing committed: it boots into setup (the old state), never half-configured.
            CHECK(world.run_until(world.now() + 10s, [&] { return world.device_state() == fw::DeviceState::Setup; }));
        }
    }
}

TEST_CASE("power cut at every flash operation of a refresh: the old or the new token", "[sim][storage][power_cut]") {
    std::uint64_t ops = 0;
    Stored before, after_refresh;
    {
        VirtualSpeaker world(home_world());
        sign_in(world);
        before = load(world);
        const std::uint64_t at_link = flash_ops(world);
        through_first_refresh(world);
        ops = flash_ops(world) - at_link;
        after_refresh = load(world);
    }
    REQUIRE(before.present);
    REQUIRE(after_refresh.present);
    REQUIRE(after_refresh.refresh_token != before.refresh_token);  // the cloud rotates it
    REQUIRE(ops >= 2);

    int kept_old = 0, got_new = 0;
    // cut == ops: the refresh's writes all landed and the power dies just after.
    for (std::uint64_t cut = 0; cut <= ops; ++cut) {
        CAPTURE(cut);
        VirtualSpeaker world(home_world());
        sign_in(world);
        world.flash().cut_power_after(cut);
        through_first_refresh(world);
        REQUIRE(world.flash().power_cut() == (cut < ops));
        power_cycle(world);
        const Stored after = load(world);
        REQUIRE(after.present);  // never neither
        CHECK(after.ssid == "Home");
        CHECK(after.password == "wifi-secret");
        const bool old_token = after.refresh_token == before.refresh_token;
        const bool new_token = after.refresh_token == after_refresh.refresh_token;
        CHECK((old_token || new_token));
        kept_old += old_token ? 1 : 0;
        got_new += new_token ? 1 : 0;
    }
    // The sweep really crossed the commit point: torn commits kept the old record, a
    // completed one gave the new.
    CHECK(kept_old > 0);
    CHECK(got_new > 0);
}
