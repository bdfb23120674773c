// The person at the verification page, end to end: MFA sign-in through real form posts, and
// no password, one-time code, user code or token in any trace line — in both dialects.
#include <catch2/catch.hpp>

#include "home_world.hpp"

#include <string>

#include "cloud/verification/totp.hpp"
#include "sim/virtual_speaker.hpp"

using namespace ringside;
using namespace std::chrono_literals;
using sim::VirtualSpeaker;

namespace {

sim::WorldConfig mfa_world(cloud::Dialect dialect) {
    cloud::Account jane = sim::test::jane("correct horse battery");
    jane.mfa_totp = true;
    sim::WorldConfig config = sim::test::home_world(5, jane);
    config.cloud.dialect = dialect;
    return config;
}

bool trace_mentions(const VirtualSpeaker& world, const std::string& secret) {
    for (const auto& line : world.trace())
        if (line.detail.find(secret) != std::string::npos || line.event.find(secret) != std::string::npos)
            return true;
    return false;
}

} // namespace

TEST_CASE("an MFA sign-in at the page links the speaker and leaves no secret in the trace", "[sim][browser]") {
    for (const cloud::Dialect dialect : {cloud::Dialect::Rfc8628, cloud::Dialect::Lwa}) {
        VirtualSpeaker world(mfa_world(dialect));
        world.power_on();
        REQUIRE(world.run_until(10s, [&] { return world.device_state() == fw::DeviceState::Setup; }));
        world.provision("Home", "wifi-secret", "jane");
        REQUIRE(world.run_until(world.now() + 1min, [&] { return !world.user_code().empty(); }));
        const std::string user_code = world.user_code();

        sim::PageSignIn wrong;
        wrong.account = "jane";
        wrong.otp = sim::PageSignIn::Otp::Wrong;
        const sim::PageResult refused = world.sign_in_at_page(wrong);
        CHECK_FALSE(refused.decided);
        CHECK(refused.error == "otp_invalid");

        sim::PageSignIn right;
        right.account = "jane";
        const std::string otp = cloud::totp(world.cloud().config().accounts.front().totp_secret, world.now());
        const sim::PageResult approved = world.sign_in_at_page(right);
        CHECK(approved.decided);
        REQUIRE(world.run_until(world.now() + 2min, [&] { return world.auth_state() == fw::AuthState::Linked; }));

        CHECK_FALSE(trace_mentions(world, "correct horse battery"));
        CHECK_FALSE(trace_mentions(world, otp));
        CHECK_FALSE(trace_mentions(world, user_code));
        CHECK_FALSE(trace_mentions(world, "Atza|"));
        CHECK_FALSE(trace_mentions(world, "Atzr|"));
        CHECK_FALSE(trace_mentions(world, "rs_rt."));
        CHECK_FALSE(trace_mentions(world, "rs_at."));
    }
}

TEST_CASE("with no code shown the page is still asked and refuses", "[sim][browser]") {
    VirtualSpeaker world(mfa_world(cloud::Dialect::Rfc8628));
    sim::PageSignIn form;
    form.account = "jane";
    const sim::PageResult result = world.sign_in_at_page(form);
    CHECK_FALSE(result.decided);
    CHECK(result.status == 400);
}
