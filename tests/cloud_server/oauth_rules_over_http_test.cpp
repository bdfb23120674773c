// OAuth rules whose evidence is on the wire: RFC 7009 revocation answers, the user-code
// lock-out's 429, and the request body limit at its boundary.
#include <catch2/catch.hpp>

#include "cloud_server/http_test_support.hpp"

using namespace ringside::test;

namespace {

HttpResult revoke(const CloudProcess& cloud, const std::vector<std::string>& fields) {
    std::vector<std::string> args;
    for (const auto& f : fields) args.insert(args.end(), {"-d", f});
    args.push_back(cloud.issuer() + "/oauth2/revoke");
    return curl(args);
}

// A signed-in demo device's token answer, through the page and the admin clock.
HttpResult sign_in(const CloudProcess& cloud) {
    const HttpResult code = curl({"-d", "client_id=ringside-speaker", cloud.issuer() + "/oauth2/device_authorization"});
    curl({"-d", "user_code=" + field(code, "user_code"), "-d", "email=demo@example.com", "-d", "password=demo",
          cloud.issuer() + "/device"});
    return curl({"-d", kDeviceGrant, "-d", "device_code=" + field(code, "device_code"), "-d",
                 "client_id=ringside-speaker", cloud.issuer() + "/oauth2/token"});
}

HttpResult refresh(const CloudProcess& cloud, const std::string& token) {
    return curl({"-d", "grant_type=refresh_token", "-d", "refresh_token=" + token, "-d", "client_id=ringside-speaker",
                 cloud.issuer() + "/oauth2/token"});
}

} // namespace

TEST_CASE("RFC 7009 over HTTP: 200 for unknown tokens, the hint optional, a refresh token ends its grant", "[http][revoke]") {
    CloudProcess cloud;
    const HttpResult unknown = revoke(cloud, {"token=never-issued", "client_id=ringside-speaker"});
    CHECK(unknown.status == 200);
    CHECK_THAT(unknown.headers, Catch::Contains("Cache-Control: no-store"));
    CHECK(revoke(cloud, {"token=never-issued", "token_type_hint=refresh_token", "client_id=ringside-speaker"}).status == 200);

    const HttpResult tokens = sign_in(cloud);
    REQUIRE(tokens.status == 200);
    CHECK(revoke(cloud, {"token=" + field(tokens, "refresh_token"), "token_type_hint=access_token",
                         "client_id=ringside-speaker"})
              .status == 200);
    const HttpResult after = refresh(cloud, field(tokens, "refresh_token"));
    CHECK(after.status == 400);
    CHECK(field(after, "error") == "invalid_grant");
    const HttpResult settings = curl({"-d", "access_token=" + field(tokens, "access_token"), cloud.issuer() + "/v1/settings"});
    CHECK(settings.status == 401);  // its access token went with it

    const HttpResult no_client = revoke(cloud, {"token=x"});
    CHECK(no_client.status == 400);
    CHECK(field(no_client, "error") == "invalid_request");
}

TEST_CASE("refresh token reuse over HTTP revokes the family", "[http][refresh]") {
    CloudProcess cloud;
    const HttpResult first = sign_in(cloud);
    REQUIRE(first.status == 200);
    const HttpResult second = refresh(cloud, field(first, "refresh_token"));
    REQUIRE(second.status == 200);
    CHECK(field(refresh(cloud, field(first, "refresh_token")), "error") == "invalid_grant");
    CHECK(field(refresh(cloud, field(second, "refresh_token")), "error") == "invalid_grant");
}

TEST_CASE("five wrong user codes answer 429 over HTTP", "[http][page]") {
    CloudProcess cloud;
    const auto guess = [&] {
        return curl({"-d", "user_code=BBBB-BBBB", "-d", "email=demo@example.com", "-d", "password=demo", "-d",
                     "action=approve", cloud.issuer() + "/device"});
    };
    for (int i = 0; i < 4; ++i) CHECK(guess().status == 400);
    const HttpResult locked = guess();
    CHECK(locked.status == 429);
    CHECK_THAT(locked.headers, Catch::Contains("Cache-Control: no-store"));
}

// Two limits, both answered 413 in RFC shape: 16 KiB for any body (CloudServerOptions), and
// 8 KiB for form-encoded ones, which the system's cpp-httplib build enforces on its own
// (CPPHTTPLIB_FORM_URL_ENCODED_PAYLOAD_MAX_LENGTH, compiled into the library).
TEST_CASE("body limits: forms up to 8 KiB and other bodies up to 96 KiB are read, one byte more gets 413", "[http][limits]") {
    CloudProcess cloud;
    const std::string prefix = "client_id=ringside-speaker&padding=";
    const std::string form_at_limit = prefix + std::string(8 * 1024 - prefix.size(), 'a');
    const std::string url = cloud.issuer() + "/oauth2/device_authorization";
    CHECK(curl({"--data-binary", form_at_limit, url}).status == 200);  // the unknown parameter is ignored
    const HttpResult form_over = curl({"--data-binary", form_at_limit + "a", url});
    CHECK(form_over.status == 413);
    CHECK(field(form_over, "error") == "invalid_request");
    CHECK_THAT(form_over.headers, Catch::Contains("Cache-Control: no-store"));

    const std::string json_at_limit(96 * 1024, ' ');
    const std::vector<std::string> as_json{"-H", "Content-Type: application/json", "--data-binary"};
    std::vector<std::string> at = as_json, over = as_json;
    at.insert(at.end(), {json_at_limit, url});
    over.insert(over.end(), {json_at_limit + " ", url});
    const HttpResult read = curl(at);
    CHECK(read.status == 400);  // read, and refused for not being a form
    CHECK(field(read, "error") == "invalid_request");
    const HttpResult refused = curl(over);
    CHECK(refused.status == 413);
    CHECK(field(refused, "error") == "invalid_request");
}
