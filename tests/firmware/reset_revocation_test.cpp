// A factory reset revokes the refresh token at the cloud before wiping (issue 12, defect 6):
// RFC 7009 at the metadata's revocation_endpoint, best effort, waiting at most
// kRevocationWait; without Wi-Fi (or an answer) it wipes anyway and the trace says why.
#include <catch2/catch.hpp>

#include <string>

#include "fake_board.hpp"
#include "firmware/auth/auth_client.hpp"
#include "firmware/core/timer_ids.hpp"

using namespace ringside;
using namespace ringside::fw;
using ringside::test::Rig;
using namespace std::chrono_literals;

namespace {

constexpr std::string_view kRevokeUrl = "https://auth.ringside.test/oauth2/revoke";

std::string metadata_with_revocation() {
    std::string m = Rig::metadata();
    m.insert(1, R"("revocation_endpoint":"https://auth.ringside.test/oauth2/revoke",)");
    return m;
}

// Linked through the device grant against an issuer that names a revocation endpoint.
void link_with_revocation(Rig& r) {
    r.advance(2s);
    r.provision();
    r.wifi_joined();
    r.respond(200, metadata_with_revocation());
    r.respond(200, Rig::code());
    r.advance(5s);
    r.respond(200, Rig::tokens(3600));
    if (r.has_outstanding() && r.outstanding().url.find("/v1/settings") != std::string::npos)
        r.respond(200, R"({"device_name":"t","locale":"en-US","time_zone":"UTC","wake_word":"alexa","volume":5})");
    REQUIRE(r.speaker->device_state() == DeviceState::Linked);
    REQUIRE(r.hw.flash.contains("Atzr|refresh-secret-1"));
}

void hold_25s(Rig& r) {
    r.press();
    r.advance(25s);
}

std::string revocation_trace(const Rig& r) {
    const auto* last = r.hw.trace.last("auth", "revocation");
    return last ? last->detail : std::string("(none)");
}

} // namespace

TEST_CASE("a factory reset revokes the refresh token first, then wipes", "[reset][revocation]") {
    Rig r;
    link_with_revocation(r);
    hold_25s(r);
    REQUIRE(r.has_outstanding());
    const auto& revoke = r.outstanding();
    CHECK(revoke.url == kRevokeUrl);
    CHECK(revoke.body == "token=Atzr%7Crefresh-secret-1&token_type_hint=refresh_token&client_id=ringside-speaker");
    CHECK(r.hw.trace.count("http", "request", "POST /oauth2/revoke refresh_token") == 1);
    CHECK_FALSE(r.hw.trace.mentions("refresh-secret"));
    // Not wiped before the answer: the token is what the request carries.
    CHECK(r.hw.flash.contains("Atzr|refresh-secret-1"));
    r.respond(200, "{}");
    CHECK(revocation_trace(r) == "confirmed");
    CHECK(r.speaker->device_state() == DeviceState::Setup);
    CHECK(r.speaker->auth_state() == AuthState::Unlinked);
    CHECK_FALSE(r.hw.flash.contains("Atzr|refresh-secret-1"));
    CHECK(r.hw.flash.sector_blank(0));
    CHECK(r.hw.flash.sector_blank(1));
    CHECK(r.hw.wifi.leaves == 1);
    CHECK_FALSE(r.has_outstanding());
}

TEST_CASE("a factory reset whose revocation gets no answer wipes after the bounded wait", "[reset][revocation]") {
    Rig r;
    link_with_revocation(r);
    hold_25s(r);
    REQUIRE(r.has_outstanding());
    const auto id = r.outstanding().id;
    r.advance(kRevocationWait - 1ms);
    CHECK(r.speaker->device_state() == DeviceState::Linked);
    r.advance(1ms);
    CHECK(revocation_trace(r) == "could not be sent: timeout");
    CHECK(r.speaker->device_state() == DeviceState::Setup);
    CHECK(r.hw.flash.sector_blank(0));
    CHECK(r.hw.flash.sector_blank(1));
    r.respond_to(id, 200, "{}");  // too late: dropped
    CHECK(r.speaker->device_state() == DeviceState::Setup);
    CHECK(r.speaker->auth_state() == AuthState::Unlinked);
}

TEST_CASE("a factory reset with the internet gone wipes at once and says the revocation could not be sent", "[reset][revocation]") {
    Rig r;
    link_with_revocation(r);
    hold_25s(r);
    r.fail_transport(hal::TransportError::NoNetwork);
    CHECK(revocation_trace(r) == "could not be sent: no_network");
    CHECK(r.speaker->device_state() == DeviceState::Setup);
    CHECK(r.hw.flash.sector_blank(0));
    CHECK(r.hw.flash.sector_blank(1));
}

TEST_CASE("a refused revocation is named and the reset goes on", "[reset][revocation]") {
    Rig r;
    link_with_revocation(r);
    hold_25s(r);
    r.respond(400, Rig::error("invalid_grant"));
    CHECK(revocation_trace(r) == "refused: 400 invalid_grant");
    CHECK(r.speaker->device_state() == DeviceState::Setup);
    CHECK(r.hw.flash.sector_blank(0));
}

TEST_CASE("a factory reset without Wi-Fi wipes at once and says the revocation could not be sent", "[reset][revocation]") {
    Rig r;
    link_with_revocation(r);
    r.power_off();
    r.power_on();
    r.advance(2s);
    REQUIRE(r.speaker->device_state() == DeviceState::JoiningWifi);  // the router is down
    const auto sent = r.hw.http.sent.size();
    hold_25s(r);
    CHECK(r.hw.http.sent.size() == sent);
    CHECK(revocation_trace(r) == "could not be sent: Wi-Fi not joined");
    CHECK(r.speaker->device_state() == DeviceState::Setup);
    CHECK(r.hw.flash.sector_blank(0));
    CHECK(r.hw.flash.sector_blank(1));
}

TEST_CASE("a factory reset with nothing to revoke sends nothing and traces no revocation", "[reset][revocation]") {
    Rig r;
    r.advance(2s);
    hold_25s(r);
    CHECK(r.speaker->device_state() == DeviceState::Setup);
    CHECK(r.hw.http.sent.empty());
    CHECK(r.hw.trace.count("auth", "revocation") == 0);
}

TEST_CASE("an issuer that names no revocation endpoint: the reset wipes at once and says so", "[reset][revocation]") {
    Rig r;
    r.link();  // Rig::metadata() names none
    hold_25s(r);
    CHECK(revocation_trace(r) == "could not be sent: no revocation endpoint known");
    CHECK(r.speaker->device_state() == DeviceState::Setup);
    CHECK(r.hw.flash.sector_blank(0));
}
