// Login with Amazon's code-based linking dialect: code pair, polling, refresh, LWA's errors.
#include "cloud/cloud_test_support.hpp"
#include "cloud/oauth/lwa_endpoints.hpp"

using namespace cloud_test;

namespace {
const std::string kScopeData =
    R"({"alexa:all":{"productID":"RS-ONE","productInstanceAttributes":{"deviceSerialNumber":"RS0000000001"}}})";

CloudConfig lwa_config() {
    CloudConfig config;
    config.dialect = Dialect::Lwa;
    config.poll_interval = std::chrono::seconds(30);
    config.clients.push_back(Client{"web-client", true, true});
    config.clients.push_back(Client{"other-speaker", true, false});
    return config;
}

CloudResponse code_pair(CloudService& cloud, Millis now, const std::string& scope_data = kScopeData,
                        const std::string& client = kClient) {
    return cloud.handle(post_form("/auth/O2/create/codepair", {{"response_type", "device_code"},
                                                               {"client_id", client},
                                                               {"scope", "alexa:all"},
                                                               {"scope_data", scope_data}}),
                        now);
}

CloudResponse lwa_poll(CloudService& cloud, const CloudResponse& pair, Millis now) {
    return cloud.handle(post_form("/auth/O2/token", {{"grant_type", "device_code"},
                                                     {"device_code", str(pair, "device_code")},
                                                     {"user_code", str(pair, "user_code")}}),
                        now);
}

CloudResponse lwa_refresh(CloudService& cloud, const std::string& token, const std::string& client, Millis now) {
    return cloud.handle(post_form("/auth/O2/token",
                                  {{"grant_type", "refresh_token"}, {"refresh_token", token}, {"client_id", client}}),
                        now);
}
} // namespace

TEST_CASE("LWA: code pair, pending, approval, Atza/Atzr tokens, refresh", "[cloud][lwa]") {
    CloudService cloud(lwa_config());
    const CloudResponse pair = code_pair(cloud, 0ms);
    REQUIRE(pair.status == 200);
    CHECK(num(pair, "expires_in") == 600);
    CHECK(num(pair, "interval") == 30);
    CHECK(str(pair, "verification_uri") == "https://auth.ringside.test/device");
    CHECK(cloud.journal().back().endpoint == "device_authorization");

    CHECK(error_of(lwa_poll(cloud, pair, 30s)) == "authorization_pending");
    REQUIRE(cloud.approve(str(pair, "user_code"), "demo", 40s) == ApprovalResult::Approved);
    const CloudResponse tokens = lwa_poll(cloud, pair, 60s);
    REQUIRE(tokens.status == 200);
    CHECK(str(tokens, "access_token").rfind("Atza|", 0) == 0);
    CHECK(str(tokens, "refresh_token").rfind("Atzr|", 0) == 0);
    CHECK(num(tokens, "expires_in") == 3600);
    CHECK(cloud.journal().back().grant_type == "device_code");

    const CloudResponse refreshed = lwa_refresh(cloud, str(tokens, "refresh_token"), kClient, 3000s);
    REQUIRE(refreshed.status == 200);
    CHECK(str(refreshed, "access_token").rfind("Atza|", 0) == 0);
}

TEST_CASE("LWA: a mismatched user code and a lapsed pair are refused", "[cloud][lwa]") {
    CloudService cloud(lwa_config());
    const CloudResponse pair = code_pair(cloud, 0ms);
    const CloudResponse other = code_pair(cloud, 0ms);
    const CloudResponse mixed = cloud.handle(post_form("/auth/O2/token", {{"grant_type", "device_code"},
                                                                          {"device_code", str(pair, "device_code")},
                                                                          {"user_code", str(other, "user_code")}}),
                                             30s);
    CHECK(error_of(mixed) == "invalid_grant");
    CHECK(error_of(lwa_poll(cloud, pair, 600s)) == "expired_token");
}

TEST_CASE("LWA: a bad serial number or product in scope_data answers InvalidValue", "[cloud][lwa]") {
    CloudService cloud(lwa_config());
    const CloudResponse empty_serial = code_pair(
        cloud, 0ms, R"({"alexa:all":{"productID":"RS-ONE","productInstanceAttributes":{"deviceSerialNumber":""}}})");
    CHECK(empty_serial.status == 400);
    CHECK(error_of(empty_serial) == "InvalidValue");
    const CloudResponse spaces = code_pair(
        cloud, 0ms, R"({"alexa:all":{"productID":"RS-ONE","productInstanceAttributes":{"deviceSerialNumber":"RS 1"}}})");
    CHECK(error_of(spaces) == "InvalidValue");
    CHECK(error_of(code_pair(cloud, 0ms, R"({"alexa:all":{"productInstanceAttributes":{}}})")) == "InvalidValue");
    CHECK(error_of(code_pair(cloud, 0ms, "not json")) == "invalid_request");
    CHECK(valid_lwa_serial("RS0000000001"));
    CHECK_FALSE(valid_lwa_serial(std::string(65, 'A')));
}

TEST_CASE("LWA: web clients cannot refresh, another client's refresh token is unauthorized", "[cloud][lwa]") {
    CloudService cloud(lwa_config());
    const CloudResponse pair = code_pair(cloud, 0ms, kScopeData, "web-client");
    REQUIRE(pair.status == 200);
    REQUIRE(cloud.approve(str(pair, "user_code"), "demo", 1s) == ApprovalResult::Approved);
    const CloudResponse tokens = lwa_poll(cloud, pair, 30s);
    REQUIRE(tokens.status == 200);
    CHECK(error_of(lwa_refresh(cloud, str(tokens, "refresh_token"), "web-client", 60s)) == "invalid_request");
    CHECK(error_of(lwa_refresh(cloud, str(tokens, "refresh_token"), "other-speaker", 60s)) == "unauthorized_client");
    CHECK(error_of(lwa_refresh(cloud, "Atzr|nothing", kClient, 60s)) == "invalid_grant");
}

TEST_CASE("each cloud serves only its own dialect's paths", "[cloud][lwa]") {
    CloudService lwa(lwa_config());
    CHECK(lwa.handle(get("/.well-known/oauth-authorization-server"), 0ms).status == 404);
    CHECK(lwa.handle(post_form("/oauth2/device_authorization", {{"client_id", kClient}}), 0ms).status == 404);
    CloudService rfc(CloudConfig{});
    CHECK(code_pair(rfc, 0ms).status == 404);
}
