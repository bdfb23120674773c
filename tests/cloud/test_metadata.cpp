// RFC 8414 discovery and the routing around it.
#include "cloud/cloud_test_support.hpp"

using namespace cloud_test;

namespace {
std::vector<std::string> strings(const JsonValue& array) {
    REQUIRE(array.kind == JsonValue::Kind::Array);
    std::vector<std::string> out;
    for (const auto& item : array.items) out.push_back(item.text);
    return out;
}
} // namespace

TEST_CASE("metadata names the issuer and every endpoint", "[cloud][metadata]") {
    CloudService cloud(CloudConfig{});
    const CloudResponse response = cloud.handle(get("/.well-known/oauth-authorization-server"), 0ms);
    REQUIRE(response.status == 200);
    CHECK(response.content_type == "application/json");
    const auto doc = json(response);
    CHECK(doc.at("issuer").text == "https://auth.ringside.test");
    CHECK(doc.at("device_authorization_endpoint").text == "https://auth.ringside.test/oauth2/device_authorization");
    CHECK(doc.at("token_endpoint").text == "https://auth.ringside.test/oauth2/token");
    CHECK(doc.at("revocation_endpoint").text == "https://auth.ringside.test/oauth2/revoke");
    CHECK(strings(doc.at("grant_types_supported")) ==
          std::vector<std::string>{"urn:ietf:params:oauth:grant-type:device_code", "refresh_token"});
    CHECK(strings(doc.at("response_types_supported")).empty());
    CHECK(strings(doc.at("token_endpoint_auth_methods_supported")) == std::vector<std::string>{"none"});
}

TEST_CASE("metadata follows the configured issuer", "[cloud][metadata]") {
    CloudConfig config;
    config.issuer = "http://127.0.0.1:8080/";
    CloudService cloud(config);
    const CloudResponse response = cloud.handle(get("/.well-known/oauth-authorization-server"), 0ms);
    CHECK(str(response, "issuer") == "http://127.0.0.1:8080/");
    CHECK(str(response, "token_endpoint") == "http://127.0.0.1:8080/oauth2/token");
}

TEST_CASE("metadata only answers GET", "[cloud][metadata]") {
    CloudService cloud(CloudConfig{});
    const CloudResponse response =
        cloud.handle(post_form("/.well-known/oauth-authorization-server", {}), 0ms);
    CHECK(response.status == 405);
    CHECK(header(response, "Allow") == "GET");
    CHECK(error_of(response) == "invalid_request");
}

TEST_CASE("unknown paths answer 404 with a JSON error", "[cloud][routing]") {
    CloudService cloud(CloudConfig{});
    for (const char* path : {"/", "/oauth2/tokens", "/oauth2/token/", "/auth/O2/token"}) {
        const CloudResponse response = cloud.handle(get(path), 0ms);
        INFO(path);
        CHECK(response.status == 404);
        CHECK(error_of(response) == "not_found");
        CHECK(json(response).count("error_description") == 1);
        CHECK(header(response, "Cache-Control") == "no-store");
    }
}

TEST_CASE("the effective config always holds the demo account and speaker client", "[cloud][config]") {
    CloudConfig config;
    config.accounts.push_back(Account{"jane", "", "pw"});
    config.clients.push_back(Client{"web-app", false});
    CloudService cloud(config);
    const CloudConfig& effective = cloud.config();
    REQUIRE(effective.accounts.size() == 2);
    CHECK(effective.accounts[0].email == "jane@example.com");
    CHECK(effective.accounts[1].id == "demo");
    CHECK(effective.accounts[1].email == "demo@example.com");
    CHECK(effective.accounts[1].password == "demo");
    REQUIRE(effective.clients.size() == 2);
    CHECK(effective.clients[1].id == "ringside-speaker");
    CHECK(effective.clients[1].is_public);
}

TEST_CASE("a configured demo account replaces the built-in one", "[cloud][config]") {
    CloudConfig config;
    config.accounts.push_back(Account{"demo", "", "other"});
    CloudService cloud(config);
    REQUIRE(cloud.config().accounts.size() == 1);
    CHECK(cloud.config().accounts[0].password == "other");
}

TEST_CASE("metadata lists scopes_supported only when some client is limited to a list", "[cloud][metadata]") {
    CHECK(json(CloudService(CloudConfig{}).handle(get("/.well-known/oauth-authorization-server"), 0ms))
              .count("scopes_supported") == 0);
    CloudConfig config;
    Client tv{"tv-app", true};
    tv.scopes = {"speaker.signin", "profile"};
    Client kiosk{"kiosk", true};
    kiosk.scopes = {"profile"};
    config.clients = {tv, kiosk};
    CloudService cloud(config);
    const auto doc = json(cloud.handle(get("/.well-known/oauth-authorization-server"), 0ms));
    CHECK(strings(doc.at("scopes_supported")) == std::vector<std::string>{"profile", "speaker.signin"});
}
