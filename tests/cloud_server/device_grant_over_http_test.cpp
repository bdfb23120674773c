// RFC 8628 end to end through the real server, with curl as the only client: the way a
// support engineer would poke at `ringside cloud` by hand.
#include <catch2/catch.hpp>

#include "cloud_server/http_test_support.hpp"

using namespace ringside::test;

namespace {

HttpResult poll(const CloudProcess& cloud, const std::string& device_code) {
    return curl({"-d", kDeviceGrant, "-d", "device_code=" + device_code, "-d", "client_id=ringside-speaker",
                 cloud.issuer() + "/oauth2/token"});
}

HttpResult admin(const CloudProcess& cloud, const std::string& what, const std::vector<std::string>& fields) {
    std::vector<std::string> args{"-H", "Authorization: Bearer " + cloud.admin_token()};
    for (const auto& f : fields) args.insert(args.end(), {"-d", f});
    args.push_back(cloud.issuer() + "/admin/" + what);
    return curl(args);
}

} // namespace

TEST_CASE("a device grant completes with curl alone, slow_down and expired_token included", "[http]") {
    CloudProcess cloud;

    const HttpResult metadata = curl({cloud.issuer() + "/.well-known/oauth-authorization-server"});
    REQUIRE(metadata.status == 200);
    CHECK(field(metadata, "token_endpoint") == cloud.issuer() + "/oauth2/token");
    const std::string device_endpoint = field(metadata, "device_authorization_endpoint");

    const HttpResult code = curl({"-d", "client_id=ringside-speaker", "-d", "scope=speaker", device_endpoint});
    REQUIRE(code.status == 200);
    const std::string device_code = field(code, "device_code");
    const std::string user_code = field(code, "user_code");
    CHECK(number(code, "interval") == 5);

    const HttpResult pending = poll(cloud, device_code);
    CHECK(pending.status == 400);
    CHECK(field(pending, "error") == "authorization_pending");
    CHECK_THAT(pending.headers, Catch::Contains("Cache-Control: no-store"));
    // Polled again at once: faster than the interval.
    CHECK(field(poll(cloud, device_code), "error") == "slow_down");

    // A person signs in at the verification page (lower case, no dash: codes are forgiving).
    std::string typed = user_code;
    typed.erase(4, 1);
    for (char& c : typed) c = static_cast<char>(std::tolower(c));
    const HttpResult page = curl({"-d", "user_code=" + typed, "-d", "email=demo@example.com", "-d", "password=demo",
                                  "-d", "action=approve", field(code, "verification_uri")});
    CHECK(page.status == 200);

    // Time travel past the slowed-down interval (10 s) instead of sleeping.
    REQUIRE(admin(cloud, "clock", {"advance_ms=11000"}).status == 200);
    const HttpResult tokens = poll(cloud, device_code);
    REQUIRE(tokens.status == 200);
    CHECK(field(tokens, "token_type") == "Bearer");
    CHECK(number(tokens, "expires_in") == 3600);
    CHECK_FALSE(field(tokens, "refresh_token").empty());
    // Device codes are single-use.
    CHECK(field(poll(cloud, device_code), "error") == "invalid_grant");

    // A code nobody approves answers expired_token once its 600 s are over.
    const HttpResult second = curl({"-d", "client_id=ringside-speaker", device_endpoint});
    REQUIRE(admin(cloud, "clock", {"advance_ms=601000"}).status == 200);
    CHECK(field(poll(cloud, field(second, "device_code")), "error") == "expired_token");

    // The journal saw it all, and the server stops cleanly on SIGTERM.
    const HttpResult journal = curl({"-H", "Authorization: Bearer " + cloud.admin_token(),
                                     cloud.issuer() + "/admin/journal?endpoint=token"});
    CHECK_THAT(journal.body, Catch::StartsWith("{\"count\":5,"));  // pending, slow_down, tokens, reuse, expired
    CHECK(cloud.stop() == 0);
}

TEST_CASE("the admin API wants the token printed at start-up", "[http]") {
    CloudProcess cloud;
    const HttpResult without = curl({"-d", "advance_ms=1", cloud.issuer() + "/admin/clock"});
    CHECK(without.status == 401);
    CHECK(field(without, "error") == "invalid_token");
    const HttpResult wrong = curl({"-H", "Authorization: Bearer nope", "-d", "advance_ms=1", cloud.issuer() + "/admin/clock"});
    CHECK(wrong.status == 401);
    CHECK(admin(cloud, "accounts", {"id=jane", "password=pw"}).status == 201);
    CHECK(admin(cloud, "accounts", {"id=jane", "password=pw"}).status == 409);
    CHECK(admin(cloud, "faults", {"endpoint=token", "status=503", "retry_after=7"}).status == 201);
    const HttpResult faulted = curl({"-d", kDeviceGrant, "-d", "device_code=x", "-d", "client_id=ringside-speaker",
                                     cloud.issuer() + "/oauth2/token"});
    CHECK(faulted.status == 503);
    CHECK_THAT(faulted.headers, Catch::Contains("Retry-After: 7"));
}

TEST_CASE("a cloud that cannot start fails clearly, and one that dies is noticed", "[http]") {
    try {
        CloudProcess bad({"--host", "10.0.0.1"});
        FAIL("a non-loopback host was accepted");
    } catch (const std::runtime_error& e) {
        CHECK_THAT(e.what(), Catch::Contains("exited before it was ready"));
        CHECK_THAT(e.what(), Catch::Contains("loopback addresses only"));
        CHECK_THAT(e.what(), Catch::Contains("exit code 2"));
    }
    CloudProcess cloud;
    const std::string issuer = cloud.issuer();
    cloud.kill_hard();
    CHECK_FALSE(cloud.running());
    CHECK(curl({issuer + "/.well-known/oauth-authorization-server"}).status == 0);
}

TEST_CASE("an accounts file adds accounts that sign in at the page, a bad one names its line", "[http]") {
    CloudProcess cloud({"--accounts", std::string(RINGSIDE_SOURCE_DIR) + "/fixtures/accounts.yaml"});
    const HttpResult code = curl({"-d", "client_id=ringside-speaker", cloud.issuer() + "/oauth2/device_authorization"});
    REQUIRE(code.status == 200);
    const HttpResult page = curl({"-d", "user_code=" + field(code, "user_code"), "-d", "email=bob@example.com", "-d",
                                  "password=battery-staple", "-d", "action=approve", cloud.issuer() + "/device"});
    CHECK(page.status == 200);
    CHECK(curl({"-d", "user_code=x", "-d", "email=bob@example.com", "-d", "password=wrong", "-d", "action=approve",
                cloud.issuer() + "/device"})
              .status == 403);

    try {
        CloudProcess bad({"--accounts", std::string(RINGSIDE_SOURCE_DIR) + "/tests/data/malformed_accounts/missing_password.yaml"});
        FAIL("a malformed accounts file was accepted");
    } catch (const std::runtime_error& e) {
        CHECK_THAT(e.what(), Catch::Contains("missing_password.yaml:3"));
        CHECK_THAT(e.what(), Catch::Contains("missing required field 'password'"));
        CHECK_THAT(e.what(), Catch::Contains("exit code 2"));
    }
}
