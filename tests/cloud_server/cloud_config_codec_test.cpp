// The cloud configuration's JSON (what `ringside run --cloud URL` sends to make a tenant)
// carries every field of accounts and clients, so a tenant is the cloud the scenario asked for.
#include <catch2/catch.hpp>

#include "cloud/codec/cloud_config_json.hpp"

using namespace ringside::cloud;

TEST_CASE("a cloud configuration survives JSON: restricted accounts, client names, voice, MFA", "[codec]") {
    CloudConfig config;
    config.issuer = "https://auth.example.test";
    Account kid{"kid", "kid@example.com", "lego"};
    kid.restricted = true;
    kid.mfa_totp = true;
    kid.totp_secret = std::string("\x00\x01\xfe", 3);
    kid.voice.voice_code = "4711";
    kid.voice.purchase_limit = 30;
    kid.voice.subscriptions = {"music"};
    config.accounts.push_back(kid);
    config.accounts.push_back(Account{"jane", "jane@example.com", "pw"});
    config.clients.push_back(Client{"kitchen-display", true, false, "Kim's \"kitchen\" display"});
    config.clients.push_back(Client{"web-client", true, true});
    config.seed = 18446744073709551615ULL;
    config.dialect = Dialect::Lwa;
    config.calendar_start_unix = -86400;  // a calendar before 1970 survives too
    config.access_token_lifetime = std::chrono::seconds(1234);
    config.device_code_lifetime = std::chrono::seconds(77);
    config.poll_interval = std::chrono::milliseconds(4500);

    std::string why;
    const auto decoded = decode_cloud_config(encode_cloud_config(config), why);
    REQUIRE(decoded);
    CHECK(why.empty());
    REQUIRE(decoded->accounts.size() == 2);
    CHECK(decoded->accounts[0].restricted);
    CHECK_FALSE(decoded->accounts[1].restricted);
    CHECK(decoded->accounts[0].totp_secret == kid.totp_secret);
    CHECK(decoded->accounts[0].voice.voice_code == "4711");
    CHECK(decoded->accounts[0].voice.purchase_limit == 30);
    REQUIRE(decoded->clients.size() == 2);
    CHECK(decoded->clients[0].name == "Kim's \"kitchen\" display");
    CHECK(decoded->clients[1].name.empty());
    CHECK(decoded->clients[1].web);
    CHECK(decoded->seed == config.seed);
    CHECK(decoded->dialect == Dialect::Lwa);
    CHECK(decoded->calendar_start_unix == -86400);
    CHECK(decoded->access_token_lifetime == std::chrono::seconds(1234));
    CHECK(decoded->device_code_lifetime == std::chrono::seconds(77));
    CHECK(decoded->poll_interval == std::chrono::milliseconds(4500));
    // Encoding what was decoded gives the same bytes: nothing is lost or reordered.
    CHECK(encode_cloud_config(*decoded) == encode_cloud_config(config));
}

TEST_CASE("a configuration missing the new members is refused, naming the member", "[codec]") {
    std::string why;
    CloudConfig config;
    config.accounts.push_back(Account{"jane", "jane@example.com", "pw"});
    config.clients.push_back(Client{"web-client", true, true});
    std::string json = encode_cloud_config(config);
    const auto without = [&](const std::string& member) {
        std::string j = json;
        const auto at = j.find(member);
        REQUIRE(at != std::string::npos);
        j.erase(at - 1, member.size() + 1);  // ",\"name\":\"\"" or ",\"restricted\":false"
        return j;
    };
    CHECK_FALSE(decode_cloud_config(without("\"restricted\":false"), why));
    CHECK_THAT(why, Catch::Contains("config.accounts[].restricted"));
    CHECK_FALSE(decode_cloud_config(without("\"name\":\"\""), why));
    CHECK_THAT(why, Catch::Contains("config.clients[].name"));
}
