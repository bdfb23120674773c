#include <catch2/catch.hpp>

#include "fake_board.hpp"
#include "firmware/core/timer_ids.hpp"

using namespace ringside;
using namespace ringside::fw;
using ringside::test::Rig;
using namespace std::chrono_literals;

TEST_CASE("holding Action for 24.999 s does not reset, it is a short press", "[buttons]") {
    Rig r;
    r.link();
    r.press();
    r.advance(24999ms);
    CHECK(r.speaker->device_state() == DeviceState::Linked);
    r.release();
    CHECK(r.speaker->device_state() == DeviceState::Linked);
    CHECK(r.hw.trace.count("button", "down", "action") == 1);
    CHECK(r.hw.trace.count("button", "up", "action") == 1);
    CHECK(r.hw.trace.count("button", "press", "action") == 1);
    CHECK(r.hw.trace.count("button", "hold", "action") == 0);
    CHECK(r.hw.trace.count("storage", "erase") == 0);
    CHECK_FALSE(r.hw.timers.armed(timer::kActionHold));
    // The cancelled hold must not fire later either.
    r.advance(1min);
    CHECK(r.speaker->device_state() == DeviceState::Linked);
    CHECK(r.hw.wifi.leaves == 0);
}

TEST_CASE("holding Action for 25 s factory-resets at 25 s, before release", "[buttons]") {
    Rig r;
    r.link();
    REQUIRE_FALSE(r.hw.flash.sector_blank(0));
    r.advance(1s);  // any pending work settles
    const auto pressed_at = r.hw.clock.t;
    r.press();
    r.advance(24999ms);
    CHECK(r.speaker->device_state() == DeviceState::Linked);
    r.advance(1ms);
    // Still held: the reset already happened.
    const auto* hold = r.hw.trace.last("button", "hold");
    REQUIRE(hold);
    CHECK(hold->at == pressed_at + 25s);
    const auto* erased = r.hw.trace.last("storage", "erase");
    REQUIRE(erased);
    CHECK(erased->at == pressed_at + 25s);
    CHECK(r.speaker->device_state() == DeviceState::Setup);
    CHECK(r.speaker->auth_state() == AuthState::Unlinked);
    CHECK(r.speaker->ring_pattern() == RingPattern::Setup);
    CHECK(r.hw.flash.sector_blank(0));
    CHECK(r.hw.flash.sector_blank(1));
    CHECK(r.hw.wifi.leaves == 1);
    for (auto id : {timer::kAuthRefresh, timer::kTokenExpiry, timer::kAuthPoll, timer::kAuthRetry, timer::kHttpTimeout})
        CHECK_FALSE(r.hw.timers.armed(id));
    // The orange spin keeps going: the ring's frame moves with the clock.
    const hal::RingFrame spinning = r.speaker->ring_frame();
    r.advance(83ms);
    CHECK(r.speaker->ring_frame() != spinning);

    r.release();
    CHECK(r.hw.trace.count("button", "press", "action") == 0);
    CHECK(r.speaker->device_state() == DeviceState::Setup);

    // After a reboot the speaker has forgotten everything.
    r.power_off();
    r.power_on();
    r.advance(2s);
    CHECK(r.speaker->device_state() == DeviceState::Setup);
}

TEST_CASE("factory reset mid sign-in abandons the request in flight", "[buttons]") {
    Rig r;
    r.advance(2s);
    r.provision();
    r.wifi_joined();
    r.respond(200, Rig::metadata());
    REQUIRE(r.has_outstanding());
    const auto id = r.outstanding().id;
    r.press();
    r.advance(25s);
    CHECK(r.speaker->device_state() == DeviceState::Setup);
    CHECK_FALSE(r.has_outstanding());
    r.respond_to(id, 200, Rig::code());  // too late
    CHECK(r.speaker->auth_state() == AuthState::Unlinked);
    CHECK(r.speaker->user_code().empty());
    r.release();
    r.provision();
    CHECK(r.speaker->device_state() == DeviceState::JoiningWifi);
}

TEST_CASE("factory reset in setup keeps the ring animating", "[buttons]") {
    Rig r;
    r.advance(2s);
    r.press();
    r.advance(25s);
    CHECK(r.speaker->device_state() == DeviceState::Setup);
    CHECK(r.speaker->ring_pattern() == RingPattern::Setup);
    const hal::RingFrame before = r.speaker->ring_frame();
    r.advance(83ms);
    CHECK(r.speaker->ring_frame() != before);
    const int shows = r.hw.ring.shows;
    for (int i = 0; i < 30; ++i) {  // a board's LED refresh, ~30 fps for a second
        r.advance(33ms);
        r.speaker->refresh_ring();
    }
    CHECK(r.hw.ring.shows > shows);
}

TEST_CASE("other buttons are traced only", "[buttons]") {
    Rig r;
    r.advance(2s);
    r.press(hal::Button::MicMute);
    r.release(hal::Button::MicMute);
    r.press(hal::Button::VolumeUp);
    r.advance(30s);
    r.release(hal::Button::VolumeUp);
    CHECK(r.hw.trace.count("button", "down", "mic_mute") == 1);
    CHECK(r.hw.trace.count("button", "up", "mic_mute") == 1);
    CHECK(r.hw.trace.count("button", "down", "volume_up") == 1);
    CHECK(r.hw.trace.count("button", "press") == 0);
    CHECK(r.speaker->device_state() == DeviceState::Setup);
    CHECK(r.hw.wifi.leaves == 0);
}

TEST_CASE("a repeated down edge does not restart the hold", "[buttons]") {
    Rig r;
    r.advance(2s);
    r.provision();
    r.press();
    r.advance(20s);
    r.press();  // glitch
    r.advance(5s);
    CHECK(r.speaker->device_state() == DeviceState::Setup);
    CHECK(r.hw.wifi.leaves == 1);
}
