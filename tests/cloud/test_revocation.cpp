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

TEST_CASE("token_type_hint is optional, and a wrong or unknown hint still finds the token (RFC 7009 §2.1)", "[cloud][revoke]") {
    CloudService cloud(CloudConfig{});
    const auto revoke_hinted = [&](const std::string& token, const std::string& hint, Millis now) {
        return cloud.handle(post_form("/oauth2/revoke", {{"token", token}, {"token_type_hint", hint}, {"client_id", kClient}}),
                            now);
    };
    SECTION("a refresh token hinted as an access token") {
        const CloudResponse tokens = sign_in(cloud, 0ms);
        CHECK(revoke_hinted(str(tokens, "refresh_token"), "access_token", 1s).status == 200);
        CHECK(error_of(refresh(cloud, str(tokens, "refresh_token"), 2s)) == "invalid_grant");
        CHECK_FALSE(cloud.access_token_valid(str(tokens, "access_token"), 2s));
    }
    SECTION("an access token hinted as a refresh token") {
        const CloudResponse tokens = sign_in(cloud, 0ms);
        CHECK(revoke_hinted(str(tokens, "access_token"), "refresh_token", 1s).status == 200);
        CHECK_FALSE(cloud.access_token_valid(str(tokens, "access_token"), 1s));
        CHECK(refresh(cloud, str(tokens, "refresh_token"), 2s).status == 200);
    }
    SECTION("a hint this server has never heard of") {
        const CloudResponse tokens = sign_in(cloud, 0ms);
        const CloudResponse r = revoke_hinted(str(tokens, "refresh_token"), "id_token", 1s);
        CHECK(r.status == 200);
        CHECK(header(r, "Cache-Control") == "no-store");
        CHECK(error_of(refresh(cloud, str(tokens, "refresh_token"), 2s)) == "invalid_grant");
    }
    SECTION("an unknown token with a hint") {
        CHECK(revoke_hinted("rs_rt.never-issued", "refresh_token", 1s).status == 200);
    }
}

TEST_CASE("revoking the current refresh token kills the access tokens of every rotation before it", "[cloud][revoke]") {
    CloudService cloud(CloudConfig{});
    const CloudResponse first = sign_in(cloud, 0ms);
    const CloudResponse second = refresh(cloud, str(first, "refresh_token"), 10s);
    REQUIRE(second.status == 200);
    REQUIRE(cloud.access_token_valid(str(first, "access_token"), 11s));  // not yet expired
    CHECK(revoke(cloud, str(second, "refresh_token"), 12s).status == 200);
    CHECK_FALSE(cloud.access_token_valid(str(first, "access_token"), 12s));
    CHECK_FALSE(cloud.access_token_valid(str(second, "access_token"), 12s));
    CHECK(cloud.revoke_account("demo", {}) == 0);  // nothing of the grant is left
}
