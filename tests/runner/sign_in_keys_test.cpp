// Scenario keys for dialects, client types, MFA accounts and user.sign_in: read into the
// world, and bad values rejected with file:line and what was expected.
#include <catch2/catch.hpp>

#include "runner/malformed_cases.hpp"

#include "runner/scenario_error.hpp"
#include "runner/scenario_loader.hpp"

using namespace ringside::runner;


TEST_CASE("bad dialect, client type, mfa and sign-in values name their line", "[runner][sign_in]") {
    ringside::test::check_refused(
        {{"malformed_sign_in/bad_mfa.yaml", 4, "unknown mfa 'sms'; expected: totp"},
         {"malformed_sign_in/bad_dialect.yaml", 3, "unknown dialect 'saml'; expected one of: rfc8628, lwa"},
         {"malformed_sign_in/bad_client_type.yaml", 4, "unknown client type 'television'"},
         {"malformed_sign_in/bad_sign_in_otp.yaml", 4, "unknown value 'guessed'; expected one of: correct, wrong, expired, none"},
         {"malformed_sign_in/totp_secret_without_mfa.yaml", 4, "totp_secret needs mfa: totp"},
         {"malformed_sign_in/bad_restricted.yaml", 4,
          "bad value 'sometimes' for scenario.cloud.accounts[0].restricted; expected true or false"},
         {"malformed_sign_in/empty_client_name.yaml", 4, "a client's name must not be empty"},
         {"malformed_sign_in/bad_approve_expect.yaml", 4, "unknown value 'maybe' for user.approve.expect; expected one of: approved, refused"}});
}

TEST_CASE("dialect, clients and mfa keys reach the world", "[runner][sign_in]") {
    const Scenario s = load_scenario(std::string(RINGSIDE_SOURCE_DIR) +
                                     "/scenarios/field_failures/web_client_id_refresh_invalid_request_stops.yaml");
    CHECK(s.world.cloud.dialect == ringside::cloud::Dialect::Lwa);
    CHECK(s.world.cloud.poll_interval == std::chrono::seconds(30));
    REQUIRE(s.world.cloud.clients.size() == 1);
    CHECK(s.world.cloud.clients[0].web);
    CHECK(s.world.device.client_id == "web-client");
    CHECK_FALSE(s.world.device.dialect.has_value());

    const Scenario mfa = load_scenario(std::string(RINGSIDE_SOURCE_DIR) +
                                       "/scenarios/sign_in/refused_mfa_code_pair_expires_and_is_renewed.yaml");
    REQUIRE(mfa.world.cloud.accounts.size() == 1);
    CHECK(mfa.world.cloud.accounts[0].mfa_totp);
    CHECK(mfa.world.cloud.accounts[0].totp_secret == "12345678901234567890");
}

TEST_CASE("restricted accounts and client names reach the world", "[runner][sign_in]") {
    const Scenario s = load_scenario(std::string(RINGSIDE_SOURCE_DIR) +
                                     "/scenarios/sign_in/restricted_account_cannot_link_speaker_keeps_its_code.yaml");
    REQUIRE(s.world.cloud.accounts.size() == 2);
    CHECK(s.world.cloud.accounts[0].id == "kid");
    CHECK(s.world.cloud.accounts[0].restricted);
    CHECK_FALSE(s.world.cloud.accounts[1].restricted);
}
