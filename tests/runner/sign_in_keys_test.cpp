// Scenario keys for dialects, client types, MFA accounts and user.sign_in: read into the
// world, and bad values rejected with file:line and what was expected.
#include <catch2/catch.hpp>

#include "runner/scenario_error.hpp"
#include "runner/scenario_loader.hpp"

using namespace ringside::runner;

namespace {
std::string data(const std::string& name) { return std::string(RINGSIDE_SOURCE_DIR) + "/tests/data/" + name; }
} // namespace

TEST_CASE("bad dialect, client type, mfa and sign-in values name their line", "[runner][sign_in]") {
    struct Case {
        const char* file;
        int line;
        const char* says;
    };
    for (const Case& c : {Case{"malformed_sign_in/bad_mfa.yaml", 4, "unknown mfa 'sms'; expected: totp"},
                          Case{"malformed_sign_in/bad_dialect.yaml", 3, "unknown dialect 'saml'; expected one of: rfc8628, lwa"},
                          Case{"malformed_sign_in/bad_client_type.yaml", 4, "unknown client type 'television'"},
                          Case{"malformed_sign_in/bad_sign_in_otp.yaml", 4,
                               "unknown value 'guessed'; expected one of: correct, wrong, expired, none"},
                          Case{"malformed_sign_in/totp_secret_without_mfa.yaml", 4, "totp_secret needs mfa: totp"}}) {
        INFO(c.file);
        bool failed = false;
        try {
            load_scenario(data(c.file));
        } catch (const ScenarioError& e) {
            failed = true;
            CHECK(e.where().line == c.line);
            CHECK_THAT(e.what(), Catch::Contains(c.says));
        }
        CHECK(failed);
    }
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
