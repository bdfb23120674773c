// The Login with Amazon dialect's requests, built by the firmware (fixed buffers).
#include <catch2/catch.hpp>

#include <array>

#include "fake_board.hpp"
#include "firmware/auth/lwa_requests.hpp"

using namespace ringside;
using namespace ringside::fw;
using ringside::test::Rig;
using namespace std::chrono_literals;

TEST_CASE("scope_data carries product id and serial, JSON-escaped", "[auth][lwa]") {
    FixedString<384> out;
    REQUIRE(lwa_scope_data("RS-ONE", "RS0000000001", out));
    CHECK(out.view() ==
          R"({"alexa:all":{"productID":"RS-ONE","productInstanceAttributes":{"deviceSerialNumber":"RS0000000001"}}})");
    REQUIRE(lwa_scope_data("a\"b", std::string_view("c\\d\n\x01", 5), out));
    CHECK(out.view() ==
          R"({"alexa:all":{"productID":"a\"b","productInstanceAttributes":{"deviceSerialNumber":"c\\d\u000a\u0001"}}})");
    CHECK_FALSE(lwa_scope_data("RS-ONE", std::string(400, 'x'), out));
}

TEST_CASE("the code-pair, poll and refresh forms", "[auth][lwa]") {
    std::array<char, 1024> buffer{};
    FormWriter form(buffer.data(), buffer.size());
    DeviceConfig config;
    REQUIRE(add_lwa_code_pair_form(form, config));
    CHECK(form.view() ==
          "response_type=device_code&client_id=ringside-speaker&scope=alexa%3Aall&scope_data="
          "%7B%22alexa%3Aall%22%3A%7B%22productID%22%3A%22RS-ONE%22%2C%22productInstanceAttributes%22%3A%7B"
          "%22deviceSerialNumber%22%3A%22RS0000000001%22%7D%7D%7D");
    form.clear();
    REQUIRE(add_lwa_poll_form(form, "DC", "BCDF-GHJK"));
    CHECK(form.view() == "grant_type=device_code&device_code=DC&user_code=BCDF-GHJK");
    form.clear();
    REQUIRE(add_lwa_refresh_form(form, "Atzr|x", config));
    CHECK(form.view() == "grant_type=refresh_token&refresh_token=Atzr%7Cx&client_id=ringside-speaker");
    FixedString<256> url;
    REQUIRE(lwa_url("https://api.amazon.com/", kLwaTokenPath, url));
    CHECK(url.view() == "https://api.amazon.com/auth/O2/token");
}

TEST_CASE("an LWA speaker skips discovery, asks for a code pair and polls with the user code", "[auth][lwa]") {
    Rig r;
    r.config.dialect = AuthDialect::Lwa;
    r.power_off();
    r.power_on();
    r.advance(2s);
    r.provision();
    r.wifi_joined();
    auto& pair = r.outstanding();
    CHECK(pair.url == "https://auth.ringside.test/auth/O2/create/codepair");
    CHECK(pair.body.find("response_type=device_code") != std::string::npos);
    CHECK(pair.body.find("scope_data=") != std::string::npos);
    r.respond(200, Rig::code(600, 30));
    REQUIRE(r.speaker->auth_state() == AuthState::AwaitingApproval);
    r.advance(30s);
    auto& poll = r.outstanding();
    CHECK(poll.url == "https://auth.ringside.test/auth/O2/token");
    CHECK(poll.body == "grant_type=device_code&device_code=DEVCODE-secret-1&user_code=BCDF-GHJK");
    r.respond(400, Rig::error("authorization_pending"));
    r.advance(30s);
    r.respond(200, Rig::tokens());
    CHECK(r.speaker->auth_state() == AuthState::Linked);

    // InvalidValue (a bad serial in scope_data) is unrecoverable: no retry.
    Rig bad;
    bad.config.dialect = AuthDialect::Lwa;
    bad.power_off();
    bad.power_on();
    bad.advance(2s);
    bad.provision();
    bad.wifi_joined();
    bad.respond(400, Rig::error("InvalidValue"));
    CHECK(bad.speaker->auth_state() == AuthState::Failed);
    bad.advance(10min);
    CHECK_FALSE(bad.has_outstanding());
}
