#include <catch2/catch.hpp>

#include "fake_board.hpp"

using namespace ringside;
using namespace ringside::fw;
using ringside::test::Rig;
using namespace std::chrono_literals;
using Told = std::vector<std::string>;

TEST_CASE("the app hears received, then why a fresh join failed", "[setup]") {
    Rig r;
    r.advance(2s);
    r.provision();
    CHECK(r.hw.setup.told == Told{"received"});
    r.dispatch(Event::wifi_failed(hal::WifiFailure::WrongPassword));
    CHECK(r.hw.setup.told == Told{"received", "wifi_wrong_password"});
    r.advance(3s);
    r.provision();
    r.dispatch(Event::wifi_failed(hal::WifiFailure::NotFound));
    r.provision();
    r.wifi_failed();
    CHECK(r.hw.setup.told ==
          Told{"received", "wifi_wrong_password", "received", "wifi_not_found", "received", "wifi_failed"});
    CHECK(r.hw.trace.count("setup", "told", "wifi_not_found") == 1);
}

TEST_CASE("a good setup is reported up to linked, a reboot from flash reports nothing", "[setup]") {
    Rig r;
    r.advance(2s);
    r.provision();
    r.wifi_joined();
    CHECK(r.hw.setup.told == Told{"received", "wifi_joined"});
    r.link();
    CHECK(r.hw.setup.told == Told{"received", "wifi_joined", "code_shown", "linked"});
    CHECK(r.speaker->device_state() == DeviceState::Linked);
    r.power_off();
    r.hw.setup.told.clear();
    r.power_on();
    r.advance(2s);
    r.wifi_joined();
    CHECK(r.hw.setup.told.empty());
}
