// What the speaker says when a sign-in stops names who stopped it: the person at the
// verification page (a poll's access_denied) or the sign-in service (every other error that
// ends the grant or a refresh). Issue 15: a provider's refusal was said as "denied in the app".
#include <catch2/catch.hpp>

#include "fake_board.hpp"

using namespace ringside;
using namespace ringside::fw;
using ringside::test::Rig;
using namespace std::chrono_literals;

namespace {

void to_awaiting_approval(Rig& r) {
    r.advance(2s);
    r.provision();
    r.wifi_joined();
    r.respond(200, Rig::metadata());
    r.respond(200, Rig::code(600, 5));
    REQUIRE(r.speaker->auth_state() == AuthState::AwaitingApproval);
}

// The one sentence said once the first poll gets `status` `error`.
std::string said_after_poll(int status, const std::string& error) {
    Rig r;
    to_awaiting_approval(r);
    r.advance(5s);
    r.respond(status, Rig::error(error));
    REQUIRE(r.speaker->auth_state() == AuthState::Failed);
    REQUIRE(r.hw.speech.said.size() == 1);
    return r.hw.speech.said.back();
}

} // namespace

TEST_CASE("a person's Deny at the poll is said as the person's", "[auth][speech]") {
    const std::string said = said_after_poll(400, "access_denied");
    CHECK(said.find("denied by the person signing in") != std::string::npos);
    CHECK(said.find("service") == std::string::npos);
    CHECK(said.find("Press the Action button") != std::string::npos);
}

TEST_CASE("a service's refusal at the poll names the service and the reason, never a person", "[auth][speech]") {
    for (const char* error : {"invalid_scope", "unauthorized_client", "invalid_client", "invalid_request",
                              "unsupported_grant_type"}) {
        CAPTURE(error);
        const std::string said = said_after_poll(error == std::string("invalid_client") ? 401 : 400, error);
        CHECK(said.find("The sign-in service refused this speaker, reason " + std::string(error) + ".") == 0);
        CHECK(said.find("denied") == std::string::npos);
    }
}

TEST_CASE("access_denied to a refresh is the service's, not a person's", "[auth][speech][refresh]") {
    Rig r;
    r.link(3600);
    r.advance(3000s);
    r.respond(400, Rig::error("access_denied"));
    REQUIRE(r.speaker->auth_state() == AuthState::Failed);
    REQUIRE_FALSE(r.hw.speech.said.empty());
    CHECK(r.hw.speech.said.back().find("The sign-in service refused this speaker, reason access_denied.") == 0);
}

TEST_CASE("a retry after a service's refusal that a person then denies is the person's", "[auth][speech]") {
    Rig r;
    to_awaiting_approval(r);
    r.advance(5s);
    r.respond(400, Rig::error("invalid_scope"));
    REQUIRE(r.speaker->auth_state() == AuthState::Failed);
    r.press();
    r.advance(300ms);
    r.release();
    r.respond(200, Rig::metadata());
    r.respond(200, Rig::code(600, 5));
    r.advance(5s);
    r.respond(400, Rig::error("access_denied"));
    REQUIRE(r.speaker->auth_state() == AuthState::Failed);
    REQUIRE(r.hw.speech.said.size() == 2);
    CHECK(r.hw.speech.said.back().find("denied by the person signing in") != std::string::npos);
}
