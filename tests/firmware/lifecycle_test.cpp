#include <catch2/catch.hpp>

#include "fake_board.hpp"
#include "firmware/attention/render.hpp"
#include "firmware/core/timer_ids.hpp"

using namespace ringside;
using namespace ringside::fw;
using ringside::test::Rig;
using namespace std::chrono_literals;

TEST_CASE("power on boots for 2 s, then setup when nothing is stored", "[lifecycle]") {
    Rig r;
    CHECK(r.speaker->device_state() == DeviceState::Booting);
    CHECK(r.speaker->ring_pattern() == RingPattern::Booting);
    CHECK(r.hw.ring.last == attention::render(RingPattern::Booting, 0ms));
    r.advance(1999ms);
    CHECK(r.speaker->device_state() == DeviceState::Booting);
    r.advance(1ms);
    CHECK(r.speaker->device_state() == DeviceState::Setup);
    CHECK(r.speaker->auth_state() == AuthState::Unlinked);
    CHECK(r.speaker->ring_pattern() == RingPattern::Setup);
    CHECK(r.hw.trace.count("storage", "load", "empty") == 1);
    CHECK(r.hw.trace.count("device", "state", "booting") == 1);
    CHECK(r.hw.trace.count("device", "state", "setup") == 1);
    CHECK(r.hw.trace.count("ring", "pattern", "setup") == 1);
    CHECK(r.hw.http.sent.empty());
    CHECK(r.hw.wifi.joins.empty());
    // The setup ring is animated: an LED refresh at ~30 fps gets a new frame as the head moves
    // on every 83 ms.
    const int shows = r.hw.ring.shows;
    for (int i = 0; i < 30; ++i) {
        r.advance(33ms);
        r.speaker->refresh_ring();
    }
    CHECK(r.hw.ring.shows >= shows + 11);
}

TEST_CASE("provisioning joins Wi-Fi then starts the device grant", "[lifecycle]") {
    Rig r;
    r.advance(2s);
    r.provision("Home", "wifi-secret-pw", "jane@example.com");
    CHECK(r.speaker->device_state() == DeviceState::JoiningWifi);
    CHECK(r.speaker->ring_pattern() == RingPattern::Setup);
    REQUIRE(r.hw.wifi.joins.size() == 1);
    CHECK(r.hw.wifi.joins[0] == std::make_pair(std::string("Home"), std::string("wifi-secret-pw")));
    CHECK(r.hw.trace.count("wifi", "join", "Home") == 1);
    r.wifi_joined();
    CHECK(r.hw.trace.count("wifi", "joined", "Home") == 1);
    CHECK(r.speaker->device_state() == DeviceState::Authorizing);
    CHECK(r.speaker->auth_state() == AuthState::Discovering);
    // Nothing is written before the device links.
    CHECK(r.hw.flash.sector_blank(0));
    CHECK(r.hw.flash.sector_blank(1));
    CHECK_FALSE(r.hw.trace.mentions("wifi-secret-pw"));
}

TEST_CASE("a failed join of fresh credentials shows purple, then setup again", "[lifecycle]") {
    Rig r;
    r.advance(2s);
    r.provision();
    r.wifi_failed();
    CHECK(r.hw.trace.count("wifi", "failed", "Home") == 1);
    CHECK(r.speaker->device_state() == DeviceState::Setup);
    CHECK(r.speaker->ring_pattern() == RingPattern::WifiError);
    const hal::RingFrame purple = r.speaker->ring_frame();  // purple is static
    r.advance(500ms);
    CHECK(r.speaker->ring_frame() == purple);
    r.advance(2499ms);
    CHECK(r.speaker->ring_pattern() == RingPattern::WifiError);
    r.advance(1ms);
    CHECK(r.speaker->ring_pattern() == RingPattern::Setup);
    CHECK(r.hw.wifi.joins.size() == 1);  // no retry with bad creds
    r.provision("Home", "right-password");
    CHECK(r.speaker->device_state() == DeviceState::JoiningWifi);
    CHECK(r.hw.wifi.joins.back().second == "right-password");
}

TEST_CASE("credentials that do not fit are refused", "[lifecycle]") {
    Rig r;
    r.advance(2s);
    r.provision(std::string(33, 's'));
    CHECK(r.speaker->device_state() == DeviceState::Setup);
    CHECK(r.speaker->ring_pattern() == RingPattern::WifiError);
    CHECK(r.hw.wifi.joins.empty());
    r.provision("");
    CHECK(r.hw.wifi.joins.empty());
}

TEST_CASE("boot with stored credentials joins and refreshes without a device grant", "[lifecycle]") {
    Rig r;
    r.link(3600);
    r.power_off();
    r.hw.trace.records.clear();
    const auto joins = r.hw.wifi.joins.size();
    const auto code_requests = r.hw.http.count_to("/oauth2/device_authorization");

    r.power_on();
    r.advance(2s);
    CHECK(r.speaker->device_state() == DeviceState::JoiningWifi);
    CHECK(r.speaker->ring_pattern() == RingPattern::Setup);
    REQUIRE(r.hw.wifi.joins.size() == joins + 1);
    CHECK(r.hw.wifi.joins.back() == std::make_pair(std::string("Home"), std::string("wifi-secret-pw")));
    CHECK(r.hw.trace.count("storage", "load", "slot a seq 1") == 1);

    r.wifi_joined();
    CHECK(r.speaker->auth_state() == AuthState::Discovering);
    r.respond(200, Rig::metadata());
    CHECK(r.speaker->auth_state() == AuthState::Discovering);
    CHECK(r.outstanding().body.find("grant_type=refresh_token") == 0);
    CHECK(r.hw.trace.count("http", "request", "POST /oauth2/token refresh_token") == 1);
    r.respond(200, Rig::tokens(3600, "Atzr|refresh-secret-1"));
    CHECK(r.speaker->auth_state() == AuthState::Linked);
    CHECK(r.speaker->device_state() == DeviceState::Linked);
    CHECK(r.hw.http.count_to("/oauth2/device_authorization") == code_requests);
    CHECK(r.hw.trace.count("storage", "commit") == 0);  // token unchanged: nothing to write
}

TEST_CASE("stored Wi-Fi that fails is retried every 10 s", "[lifecycle]") {
    Rig r;
    r.link();
    r.power_off();
    r.hw.wifi.joins.clear();
    r.power_on();
    r.advance(2s);
    REQUIRE(r.hw.wifi.joins.size() == 1);
    r.wifi_failed();
    CHECK(r.speaker->device_state() == DeviceState::JoiningWifi);
    r.advance(9999ms);
    CHECK(r.hw.wifi.joins.size() == 1);
    r.advance(1ms);
    CHECK(r.hw.wifi.joins.size() == 2);
    r.wifi_failed();
    r.advance(10s);
    CHECK(r.hw.wifi.joins.size() == 3);
    r.wifi_joined();
    CHECK(r.speaker->device_state() == DeviceState::Authorizing);
}

TEST_CASE("a device that never linked boots back into setup", "[lifecycle]") {
    Rig r;
    r.advance(2s);
    r.provision();
    r.wifi_joined();
    r.respond(200, Rig::metadata());
    r.respond(200, Rig::code());
    r.power_off();
    r.power_on();
    r.advance(2s);
    CHECK(r.speaker->device_state() == DeviceState::Setup);
}

TEST_CASE("a Linked speaker shows a static ring: a day of idle makes no frames", "[lifecycle]") {
    Rig r;
    r.link(3600);
    const int shows = r.hw.ring.shows;
    const int patterns = r.hw.trace.count("ring", "pattern");
    int answered = 0;
    // 30 s steps: a refresh (jittered, so off the minute) is answered inside its 60 s timeout.
    for (int step = 0; step < 24 * 120; ++step) {
        r.advance(30s);
        if (r.has_outstanding()) {
            r.respond(200, Rig::tokens(3600, ""));
            ++answered;
        }
    }
    CHECK(answered >= 24);  // refreshed all day long...
    CHECK(r.speaker->auth_state() == AuthState::Linked);
    CHECK(r.hw.trace.count("auth", "state", "expired") == 0);
    CHECK(r.hw.ring.shows == shows);  // ...without a single new frame
    CHECK(r.hw.trace.count("ring", "pattern") == patterns);
}
