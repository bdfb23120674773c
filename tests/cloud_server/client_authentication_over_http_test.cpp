// Who may call the token and device endpoints, through the real server with curl: every 401
// names how to authenticate (WWW-Authenticate, RFC 9110 §15.5.2, RFC 6749 §5.2, RFC 6750 §3);
// HTTP Basic client credentials are checked, a failed attempt is 401 invalid_client; a scope
// a client may not have is invalid_scope.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "cloud_server/http_test_support.hpp"

using namespace ringside::test;

namespace {

// A confidential TV app that may ask only for "speaker", besides the built-in speaker client.
std::string clients_file() {
    const auto path = std::filesystem::temp_directory_path() /
                      ("ringside-clients-" + std::to_string(::getpid()) + ".yaml");
    std::ofstream(path) << "clients:\n"
                           "  - { id: tv-app, secret: s3cret, scopes: [speaker] }\n"
                           "  - { id: kiosk, scopes: [speaker, music] }\n";
    return path.string();
}

HttpResult device_authorization(const CloudProcess& cloud, const std::vector<std::string>& extra) {
    std::vector<std::string> args = extra;
    args.push_back(cloud.issuer() + "/oauth2/device_authorization");
    return curl(args);
}

std::string challenge(const HttpResult& r) {
    const auto at = r.headers.find("WWW-Authenticate: ");
    if (at == std::string::npos) return {};
    const auto end = r.headers.find('\r', at);
    return r.headers.substr(at + 18, end - at - 18);
}

} // namespace

TEST_CASE("401 answers carry WWW-Authenticate: Basic for a client, Bearer with error for a token", "[http][auth]") {
    CloudProcess cloud;
    const HttpResult unknown = device_authorization(cloud, {"-d", "client_id=nobody"});
    CHECK(unknown.status == 401);
    CHECK(field(unknown, "error") == "invalid_client");
    CHECK(challenge(unknown) == "Basic realm=\"ringside\"");

    const HttpResult settings = curl({"-d", "access_token=not-a-token", cloud.issuer() + "/v1/settings"});
    CHECK(settings.status == 401);
    CHECK(challenge(settings) == "Bearer realm=\"ringside\", error=\"invalid_token\"");

    const HttpResult voice = curl({"-H", "Authorization: Bearer not-a-token", "-H", "Content-Type: audio/L16;rate=8000",
                                   "--data-binary", "xx", cloud.issuer() + "/v1/voice"});
    CHECK(voice.status == 401);
    CHECK(challenge(voice) == "Bearer realm=\"ringside\", error=\"invalid_token\"");
    // No credentials at all: the bare challenge (RFC 6750 §3.1).
    const HttpResult anonymous = curl({"-H", "Content-Type: audio/L16;rate=8000", "--data-binary", "xx", cloud.issuer() + "/v1/voice"});
    CHECK(anonymous.status == 401);
    CHECK(challenge(anonymous) == "Bearer realm=\"ringside\"");
}

TEST_CASE("HTTP Basic client credentials are checked at the device and token endpoints", "[http][auth]") {
    CloudProcess cloud({"--clients", clients_file()});

    // Right id and secret: served, without client_id in the body.
    const HttpResult right = device_authorization(cloud, {"-u", "tv-app:s3cret", "-d", "scope=speaker"});
    REQUIRE(right.status == 200);
    CHECK_FALSE(field(right, "device_code").empty());
    // The device code is bound to the authenticated client: polling as it is pending.
    const HttpResult poll = curl({"-u", "tv-app:s3cret", "-d", kDeviceGrant, "-d", "device_code=" + field(right, "device_code"),
                                  cloud.issuer() + "/oauth2/token"});
    CHECK(poll.status == 400);
    CHECK(field(poll, "error") == "authorization_pending");

    for (const auto& wrong : std::vector<std::vector<std::string>>{
             {"-u", "tv-app:wrong"},                              // wrong secret
             {"-u", "nobody:s3cret"},                             // unknown client
             {"-u", "tv-app:s3cret", "-d", "client_id=kiosk"},    // body names another client
             {"-H", "Authorization: Basic not*base64"},           // not credentials at all
             {"-d", "client_id=tv-app"},                          // confidential, no secret
         }) {
        std::vector<std::string> args = wrong;
        args.insert(args.end(), {"-d", "scope=speaker"});
        const HttpResult refused = device_authorization(cloud, args);
        INFO(wrong.back());
        CHECK(refused.status == 401);
        CHECK(field(refused, "error") == "invalid_client");
        CHECK(challenge(refused) == "Basic realm=\"ringside\"");
    }
    // The token endpoint checks the same way.
    const HttpResult token = curl({"-u", "tv-app:wrong", "-d", kDeviceGrant, "-d", "device_code=x", cloud.issuer() + "/oauth2/token"});
    CHECK(token.status == 401);
    CHECK(field(token, "error") == "invalid_client");
    CHECK(challenge(token) == "Basic realm=\"ringside\"");
    // The secret in the body (RFC 6749 §2.3.1) works too; the public speaker needs none.
    CHECK(device_authorization(cloud, {"-d", "client_id=tv-app", "-d", "client_secret=s3cret"}).status == 200);
    CHECK(device_authorization(cloud, {"-d", "client_id=ringside-speaker"}).status == 200);
    CHECK(device_authorization(cloud, {"-u", "ringside-speaker:", "-d", "scope=speaker"}).status == 200);
    // A public client has no secret, so one it sends is a failed attempt, not one to ignore.
    const HttpResult guessed = device_authorization(cloud, {"-u", "ringside-speaker:guess", "-d", "scope=speaker"});
    CHECK(guessed.status == 401);
    CHECK(field(guessed, "error") == "invalid_client");
    CHECK(challenge(guessed) == "Basic realm=\"ringside\"");
    CHECK(field(device_authorization(cloud, {"-d", "client_id=ringside-speaker", "-d", "client_secret=guess"}), "error") ==
          "invalid_client");
}

TEST_CASE("a scope the client may not have is invalid_scope", "[http][auth]") {
    CloudProcess cloud({"--clients", clients_file()});
    const HttpResult refused = device_authorization(cloud, {"-u", "tv-app:s3cret", "-d", "scope=speaker purchases"});
    CHECK(refused.status == 400);
    CHECK(field(refused, "error") == "invalid_scope");
    CHECK_THAT(field(refused, "error_description"), Catch::Contains("purchases"));
    CHECK(device_authorization(cloud, {"-d", "client_id=kiosk", "-d", "scope=music speaker"}).status == 200);
    CHECK(field(device_authorization(cloud, {"-d", "client_id=kiosk", "-d", "scope=admin"}), "error") == "invalid_scope");
    // A client with no scope list (the speaker) may ask for any, as every scenario does.
    CHECK(device_authorization(cloud, {"-d", "client_id=ringside-speaker", "-d", "scope=anything"}).status == 200);
}
