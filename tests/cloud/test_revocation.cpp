// RFC 7009 token revocation.
#include "cloud/cloud_test_support.hpp"

using namespace cloud_test;

namespace {
CloudResponse revoke(CloudService& cloud, const std::string& token, Millis now,
                     const std::string& client = kClient) {
    return cloud.handle(post_form("/oauth2/revoke", {{"token", token}, {"client_id", client}}), now);
}
} // namespace

TEST_CASE("revoking a refresh token ends the whole grant", "[cloud][revoke]") {
    CloudService cloud(CloudConfig{});
    const CloudResponse tokens = sign_in(cloud, 0ms);
    const CloudResponse r = revoke(cloud, str(tokens, "refresh_token"), 1s);
    CHECK(r.status == 200);
    CHECK_FALSE(cloud.access_token_valid(str(tokens, "access_token"), 1s));
    CHECK(error_of(refresh(cloud, str(tokens, "refresh_token"), 2s)) == "invalid_grant");
}

TEST_CASE("revoking an access token leaves the refresh token", "[cloud][revoke]") {
    CloudService cloud(CloudConfig{});
    const CloudResponse tokens = sign_in(cloud, 0ms);
    CHECK(revoke(cloud, str(tokens, "access_token"), 1s).status == 200);
    CHECK_FALSE(cloud.access_token_valid(str(tokens, "access_token"), 1s));
    const CloudResponse renewed = refresh(cloud, str(tokens, "refresh_token"), 2s);
    REQUIRE(renewed.status == 200);
    CHECK(cloud.access_token_valid(str(renewed, "access_token"), 2s));
}

TEST_CASE("revoking an unknown token succeeds and changes nothing", "[cloud][revoke]") {
    CloudService cloud(CloudConfig{});
    const CloudResponse tokens = sign_in(cloud, 0ms);
    CHECK(revoke(cloud, "nonsense", 1s).status == 200);
    CHECK(cloud.access_token_valid(str(tokens, "access_token"), 1s));
}

TEST_CASE("revoking a rotated-away refresh token leaves the grant alive", "[cloud][revoke]") {
    CloudService cloud(CloudConfig{});
    const CloudResponse tokens = sign_in(cloud, 0ms);
    const CloudResponse renewed = refresh(cloud, str(tokens, "refresh_token"), 1s);
    REQUIRE(renewed.status == 200);
    CHECK(revoke(cloud, str(tokens, "refresh_token"), 2s).status == 200);
    CHECK(refresh(cloud, str(renewed, "refresh_token"), 3s).status == 200);
}

TEST_CASE("a client cannot revoke another client's token", "[cloud][revoke]") {
    CloudConfig config;
    config.clients.push_back(Client{"web-app", true});
    CloudService cloud(config);
    const CloudResponse tokens = sign_in(cloud, 0ms);
    const CloudResponse r = revoke(cloud, str(tokens, "refresh_token"), 1s, "web-app");
    CHECK(r.status == 400);
    CHECK(error_of(r) == "invalid_grant");
    CHECK(refresh(cloud, str(tokens, "refresh_token"), 2s).status == 200);
}

TEST_CASE("revocation validates its request", "[cloud][revoke]") {
    CloudService cloud(CloudConfig{});
    CHECK(error_of(cloud.handle(post_form("/oauth2/revoke", {{"client_id", kClient}}), 0ms)) ==
          "invalid_request");
    const CloudResponse unknown = revoke(cloud, "x", 0ms, "stranger");
    CHECK(unknown.status == 401);
    CHECK(error_of(unknown) == "invalid_client");
}
