// The wall pacer driven with made-up wall instants (it reads the real clock only for its
// budget), and the signed-out speaker on the home Wi-Fi it paces in the demo and `signin`.
#include <catch2/catch.hpp>

#include "sim/app/home_wifi.hpp"
#include "sim/pacing/wall_pacer.hpp"

using namespace ringside;
using namespace std::chrono_literals;
using sim::Millis;
using sim::VirtualSpeaker;
using sim::WallPacer;

namespace {

// 2025-11-25T00:00:00Z, a calendar the mock cloud's default certificate window holds.
constexpr std::int64_t kUnix = 1'764'028'800;
const WallPacer::WallClock::time_point t0{std::chrono::hours(1000)};

sim::WorldConfig home_speaker() { return sim::signed_out_on_home_wifi("https://auth.ringside.test", kUnix, 5); }

} // namespace

TEST_CASE("the pacer runs the world to start + wall elapsed x speed, through speed changes and pauses",
          "[sim][pacer]") {
    VirtualSpeaker world(home_speaker());
    world.power_on();
    WallPacer pacer(world, t0);

    CHECK(pacer.advance(t0 + 1500ms, 1s));
    CHECK(world.now() == 1500ms);
    CHECK(world.device_state() == fw::DeviceState::Booting);
    CHECK(pacer.advance(t0 + 2100ms, 1s));
    CHECK(world.device_state() == fw::DeviceState::Setup);  // the 2 s boot, in wall-clock time

    pacer.set_speed(10, t0 + 2100ms);
    CHECK(pacer.speed() == 10);
    CHECK(pacer.advance(t0 + 3100ms, 1s));
    CHECK(world.now() == 12100ms);  // 1 s of wall at 10x

    pacer.pause(t0 + 3100ms);
    CHECK(pacer.paused());
    CHECK(pacer.advance(t0 + 60s, 1s));
    CHECK(world.now() == 12100ms);  // nothing moves while paused
    pacer.resume(t0 + 60s);
    CHECK(pacer.advance(t0 + 60s + 100ms, 1s));
    CHECK(world.now() == 13100ms);  // no jump for the pause: 100 ms of wall at 10x

    // Time never runs backwards, whatever instant is passed in.
    CHECK(pacer.advance(t0, 1s));
    CHECK(world.now() == 13100ms);
    pacer.set_speed(0, t0 + 61s);  // refused: a stop is a pause
    CHECK(pacer.speed() == 10);
}

TEST_CASE("a pacer out of budget leaves the world behind, then catches up, and slip gives the lag up", "[sim][pacer]") {
    VirtualSpeaker world(home_speaker());
    world.power_on();
    WallPacer pacer(world, t0, 1000);  // six minutes of virtual time in 360 ms of wall

    // A zero budget still runs one event per call: the world moves but cannot keep up. (A
    // person speaking is a microphone frame every 10 ms: the world is busy.)
    world.say("alexa what is the weather like today", 0);
    const std::uint64_t before = world.events_processed();
    CHECK_FALSE(pacer.advance(t0 + 360ms, 0ms));
    CHECK(world.events_processed() == before + 1);
    CHECK(pacer.lag(t0 + 360ms) > 0ms);
    CHECK(pacer.target(t0 + 360ms) == 360s);

    // With a budget it gets there.
    CHECK(pacer.advance(t0 + 360ms, 5s));
    CHECK(world.now() == 360s);
    CHECK(pacer.lag(t0 + 360ms) == 0ms);

    // Behind again, it may give the lag up: the target restarts from where the world stands.
    world.say("alexa what is the weather like today", 0);
    CHECK_FALSE(pacer.advance(t0 + 720ms, 0ms));
    const Millis stood = world.now();
    REQUIRE(stood < 720s);
    pacer.slip(t0 + 720ms);
    CHECK(pacer.lag(t0 + 720ms) == 0ms);
    CHECK(pacer.target(t0 + 721ms) == stood + 1s);
}

TEST_CASE("a speaker signed out on the home Wi-Fi goes from power-on straight to a user code, on the wall calendar",
          "[sim][pacer][home_wifi]") {
    VirtualSpeaker world(home_speaker());
    world.power_on();
    CHECK(world.device_rtc_unix() == kUnix);  // its clock is set: no clock sync, TLS is fine

    WallPacer pacer(world, t0);
    sim::HomeWifiHandOver wifi;
    int handed = 0;
    bool setup_seen = false;
    // Frames of 16 ms of wall time, for 30 s at most.
    for (auto wall = t0; wall < t0 + 30s && world.user_code().empty(); wall += 16ms) {
        pacer.advance(wall, 1s);
        setup_seen = setup_seen || world.device_state() == fw::DeviceState::Setup;
        if (wifi.poll(world)) ++handed;
    }
    CHECK(setup_seen);
    CHECK(handed == 1);  // once per visit to setup, not once per frame
    REQUIRE_FALSE(world.user_code().empty());
    CHECK(world.auth_state() == fw::AuthState::AwaitingApproval);
    CHECK(world.now() < 5s);  // boot (2 s), the hand-over, the join and two exchanges
    // No virtual latency: the real one is counted by a real issuer's cloud.
    const auto& journal = world.cloud().journal();
    REQUIRE(journal.size() >= 2);
    CHECK(journal[0].endpoint == "metadata");
    CHECK(journal[1].endpoint == "device_authorization");
    CHECK(journal[1].at == journal[0].at);

    REQUIRE(world.approve_shown_code("demo") == cloud::ApprovalResult::Approved);
    REQUIRE(world.run_until(world.now() + 30s, [&] { return world.auth_state() == fw::AuthState::Linked; }));
    CHECK(world.device_state() == fw::DeviceState::Linked);
}

TEST_CASE("the home Wi-Fi is handed over again when the speaker returns to setup", "[sim][home_wifi]") {
    VirtualSpeaker world(home_speaker());
    sim::HomeWifiHandOver wifi;
    CHECK_FALSE(wifi.poll(world));  // off: nothing to hand over
    world.power_on();
    REQUIRE(world.run_until(world.now() + 5s, [&] { return world.device_state() == fw::DeviceState::Setup; }));
    CHECK(wifi.poll(world));
    CHECK_FALSE(wifi.poll(world));  // still in setup while the hand-over is on its way
    REQUIRE(world.run_until(world.now() + 5s, [&] { return world.device_state() != fw::DeviceState::Setup; }));
    CHECK_FALSE(wifi.poll(world));

    // A factory reset (25 s hold) sends it back to setup: handed over once more.
    world.press(hal::Button::Action);
    world.advance(26s);
    world.release(hal::Button::Action);
    REQUIRE(world.run_until(world.now() + 5s, [&] { return world.device_state() == fw::DeviceState::Setup; }));
    CHECK(wifi.poll(world));
}
