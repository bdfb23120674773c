#include <catch2/catch.hpp>

#include "fake_board.hpp"
#include "firmware/core/timer_ids.hpp"

using namespace ringside;
using namespace ringside::fw;
using ringside::test::Rig;
using namespace std::chrono_literals;

namespace {

const std::string kSettings =
    R"({"device_name":"Kitchen","locale":"de-DE","time_zone":"Europe/Berlin","wake_word":"ringside","volume":7})";

} // namespace

TEST_CASE("linking sends one settings request with the access token as a form field", "[settings]") {
    Rig r;
    r.link(3600, false);
    REQUIRE(r.speaker->device_state() == DeviceState::Linked);
    REQUIRE(r.hw.http.count_to("/v1/settings") == 1);
    const auto* s = r.hw.http.outstanding();
    REQUIRE(s != nullptr);
    CHECK(s->id == kSettingsRequestId);
    CHECK(s->method == hal::HttpMethod::Post);
    CHECK(s->body.rfind("access_token=", 0) == 0);
    r.respond(200, kSettings);
    CHECK(r.speaker->settings().locale.view() == "de-DE");
    CHECK(r.speaker->settings().device_name.view() == "Kitchen");
    CHECK(r.speaker->settings().volume == 7);
    CHECK(r.hw.trace.count("settings", "downloaded") == 1);
    r.advance(10min);
    CHECK(r.hw.http.count_to("/v1/settings") == 1);  // done: no second download
}

TEST_CASE("failed settings downloads back off 2, 4, 8 s and leave the speaker linked", "[settings]") {
    Rig r;
    r.link(3600, false);
    r.respond(503, R"({"error":"unavailable"})");
    CHECK(r.hw.trace.count("settings", "download_failed", "status 503") == 1);
    CHECK(r.hw.timers.remaining(timer::kSettingsRetry) == 2s);
    r.advance(2s);
    r.fail_transport(hal::TransportError::ConnectionFailed);
    CHECK(r.hw.timers.remaining(timer::kSettingsRetry) == 4s);
    r.advance(4s);
    r.respond(200, "not json");
    CHECK(r.hw.timers.remaining(timer::kSettingsRetry) == 8s);
    CHECK(r.speaker->device_state() == DeviceState::Linked);
    CHECK(r.speaker->auth_state() == AuthState::Linked);
    r.advance(8s);
    r.respond(200, kSettings);
    CHECK(r.hw.http.count_to("/v1/settings") == 4);
    CHECK(r.speaker->settings().time_zone.view() == "Europe/Berlin");
    CHECK_FALSE(r.hw.trace.mentions("access_token="));
}

TEST_CASE("an unanswered settings request times out after 60 s and is retried", "[settings]") {
    Rig r;
    r.link(3600, false);
    r.advance(60s);
    CHECK(r.hw.trace.count("settings", "download_failed", "timeout") == 1);
    r.advance(2s);
    CHECK(r.hw.http.count_to("/v1/settings") == 2);
}

TEST_CASE("a factory reset abandons a pending download and the next link downloads again", "[settings]") {
    Rig r;
    r.link(3600, false);
    r.respond(200, kSettings);
    REQUIRE(r.hw.http.count_to("/v1/settings") == 1);
    r.press();
    r.advance(25s);
    r.release();
    REQUIRE(r.speaker->device_state() == DeviceState::Setup);
    CHECK_FALSE(r.hw.timers.armed(timer::kSettingsRetry));
    r.link(3600, false);
    CHECK(r.hw.http.count_to("/v1/settings") == 2);
}
