// The token endpoint's refresh grant and its request validation (RFC 6749 §5.2, §6).
#include "cloud/cloud_test_support.hpp"

using namespace cloud_test;

TEST_CASE("refresh rotates the refresh token", "[cloud][refresh]") {
    CloudService cloud(CloudConfig{});
    const CloudResponse first = sign_in(cloud, 0ms);
    const std::string old_refresh = str(first, "refresh_token");
    const std::string old_access = str(first, "access_token");

    const CloudResponse second = refresh(cloud, old_refresh, 3000s);
    REQUIRE(second.status == 200);
    CHECK(header(second, "Cache-Control") == "no-store");
    CHECK(str(second, "token_type") == "Bearer");
    CHECK(num(second, "expires_in") == 3600);
    CHECK(str(second, "scope") == "speaker");
    const std::string new_refresh = str(second, "refresh_token");
    const std::string new_access = str(second, "access_token");
    CHECK(new_refresh != old_refresh);
    CHECK(new_access != old_access);
    CHECK(cloud.access_token_valid(new_access, 3000s));
    CHECK(cloud.access_token_account(new_access, 3000s) == "demo");

    // The rotated token keeps working and rotates in turn.
    const CloudResponse third = refresh(cloud, new_refresh, 3002s);
    REQUIRE(third.status == 200);
    CHECK(str(third, "refresh_token") != new_refresh);
}

TEST_CASE("reusing a rotated-away refresh token revokes the whole family (RFC 9700)", "[cloud][refresh]") {
    CloudService cloud(CloudConfig{});
    const std::string first = str(sign_in(cloud, 0ms), "refresh_token");
    const CloudResponse second = refresh(cloud, first, 100s);
    REQUIRE(second.status == 200);
    const std::string live_refresh = str(second, "refresh_token");
    const std::string live_access = str(second, "access_token");
    REQUIRE(cloud.access_token_valid(live_access, 101s));

    // Someone presents the spent token again: a thief, or a client that lost an answer.
    const CloudResponse replay = refresh(cloud, first, 200s);
    CHECK(replay.status == 400);
    CHECK(error_of(replay) == "invalid_grant");
    // Every token of the family is dead, the newest included.
    CHECK_FALSE(cloud.access_token_valid(live_access, 201s));
    CHECK(error_of(refresh(cloud, live_refresh, 202s)) == "invalid_grant");
    // Another grant of the same account is untouched.
    const std::string other = str(sign_in(cloud, 300s), "refresh_token");
    CHECK(refresh(cloud, other, 301s).status == 200);
}

TEST_CASE("refresh tokens are bound to their client", "[cloud][refresh]") {
    CloudConfig config;
    config.clients.push_back(Client{"web-app", false});
    CloudService cloud(config);
    const std::string refresh_token = str(sign_in(cloud, 0ms), "refresh_token");

    const CloudResponse foreign = refresh(cloud, refresh_token, 1s, "web-app");
    CHECK(foreign.status == 400);
    CHECK(error_of(foreign) == "invalid_grant");
    CHECK(refresh(cloud, refresh_token, 2s).status == 200);  // not spent by the failed attempt
}

TEST_CASE("unknown refresh tokens are rejected", "[cloud][refresh]") {
    CloudService cloud(CloudConfig{});
    const CloudResponse r = refresh(cloud, "rs_rt.forged", 0ms);
    CHECK(r.status == 400);
    CHECK(error_of(r) == "invalid_grant");
}

TEST_CASE("refresh may narrow the scope but not widen it", "[cloud][refresh]") {
    CloudService cloud(CloudConfig{});
    const DeviceStart start = start_device_flow(cloud, 0ms, kClient, "music shopping");
    REQUIRE(cloud.approve(start.user_code, "demo", 0ms) == ApprovalResult::Approved);
    const std::string refresh_token = str(poll(cloud, start.device_code, 0ms), "refresh_token");

    const auto with_scope = [&](const std::string& token, const std::string& scope) {
        return cloud.handle(post_form("/oauth2/token", {{"grant_type", "refresh_token"},
                                                        {"refresh_token", token},
                                                        {"client_id", kClient},
                                                        {"scope", scope}}),
                            1s);
    };
    const CloudResponse wider = with_scope(refresh_token, "music calendar");
    CHECK(wider.status == 400);
    CHECK(error_of(wider) == "invalid_scope");

    const CloudResponse narrower = with_scope(refresh_token, "music");
    REQUIRE(narrower.status == 200);
    CHECK(str(narrower, "scope") == "music");
    // The new refresh token still carries the full grant.
    const CloudResponse full = refresh(cloud, str(narrower, "refresh_token"), 2s);
    REQUIRE(full.status == 200);
    CHECK(str(full, "scope") == "music shopping");
}

TEST_CASE("access tokens expire after their lifetime", "[cloud][refresh]") {
    CloudConfig config;
    config.access_token_lifetime = 60s;
    CloudService cloud(config);
    const CloudResponse tokens = sign_in(cloud, 10s);
    CHECK(num(tokens, "expires_in") == 60);
    const std::string access = str(tokens, "access_token");
    CHECK(cloud.access_token_valid(access, 10s));
    CHECK(cloud.access_token_valid(access, 69999ms));
    CHECK_FALSE(cloud.access_token_valid(access, 70s));
    CHECK_FALSE(cloud.access_token_account(access, 70s));
    CHECK_FALSE(cloud.access_token_valid("rs_at.forged", 10s));
    CHECK_FALSE(cloud.access_token_valid(str(tokens, "refresh_token"), 10s));
    // An expired access token does not stop the refresh token.
    CHECK(refresh(cloud, str(tokens, "refresh_token"), 100s).status == 200);
}

TEST_CASE("the account holder can revoke the speaker", "[cloud][refresh]") {
    CloudConfig config;
    config.accounts.push_back(Account{"jane", "", "pw"});
    CloudService cloud(config);
    const CloudResponse demo = sign_in(cloud, 0ms, "demo");
    const CloudResponse jane = sign_in(cloud, 0ms, "jane");

    CHECK(cloud.revoke_account("jane@example.com", {}) == 1);
    CHECK(cloud.revoke_account("jane", {}) == 0);      // nothing left to revoke
    CHECK(cloud.revoke_account("nobody", {}) == 0);
    CHECK_FALSE(cloud.access_token_valid(str(jane, "access_token"), 1s));
    CHECK(error_of(refresh(cloud, str(jane, "refresh_token"), 1s)) == "invalid_grant");
    CHECK(cloud.access_token_valid(str(demo, "access_token"), 1s));
    CHECK(refresh(cloud, str(demo, "refresh_token"), 1s).status == 200);
}

TEST_CASE("grant type errors", "[cloud][token]") {
    CloudService cloud(CloudConfig{});
    SECTION("unsupported grant type") {
        for (const char* grant : {"authorization_code", "password", "device_code", "client_credentials"}) {
            const CloudResponse r = cloud.handle(
                post_form("/oauth2/token", {{"grant_type", grant}, {"client_id", kClient}, {"device_code", "x"}}), 0ms);
            INFO(grant);
            CHECK(r.status == 400);
            CHECK(error_of(r) == "unsupported_grant_type");
        }
    }
    SECTION("missing grant type") {
        const CloudResponse r = cloud.handle(post_form("/oauth2/token", {{"client_id", kClient}}), 0ms);
        CHECK(r.status == 400);
        CHECK(error_of(r) == "invalid_request");
    }
    SECTION("empty grant type counts as missing") {
        const CloudResponse r =
            cloud.handle(post_form("/oauth2/token", {{"grant_type", ""}, {"client_id", kClient}}), 0ms);
        CHECK(error_of(r) == "invalid_request");
    }
    SECTION("missing device_code") {
        const CloudResponse r = cloud.handle(
            post_form("/oauth2/token", {{"grant_type", kDeviceGrant}, {"client_id", kClient}}), 0ms);
        CHECK(r.status == 400);
        CHECK(error_of(r) == "invalid_request");
    }
    SECTION("missing refresh_token") {
        const CloudResponse r = cloud.handle(
            post_form("/oauth2/token", {{"grant_type", "refresh_token"}, {"client_id", kClient}}), 0ms);
        CHECK(r.status == 400);
        CHECK(error_of(r) == "invalid_request");
    }
    SECTION("missing client_id") {
        const CloudResponse r = cloud.handle(
            post_form("/oauth2/token", {{"grant_type", "refresh_token"}, {"refresh_token", "x"}}), 0ms);
        CHECK(r.status == 400);
        CHECK(error_of(r) == "invalid_request");
    }
    SECTION("unknown client") {
        const CloudResponse r = cloud.handle(
            post_form("/oauth2/token", {{"grant_type", kDeviceGrant}, {"device_code", "x"}, {"client_id", "stranger"}}),
            0ms);
        CHECK(r.status == 401);
        CHECK(error_of(r) == "invalid_client");
    }
    SECTION("repeated parameter") {
        const DeviceStart start = start_device_flow(cloud, 0ms);
        CloudRequest request = post_form("/oauth2/token", {{"grant_type", kDeviceGrant},
                                                           {"device_code", start.device_code},
                                                           {"client_id", kClient}});
        request.body += "&client_id=" + std::string(kClient);
        const CloudResponse r = cloud.handle(request, 0ms);
        CHECK(r.status == 400);
        CHECK(error_of(r) == "invalid_request");
    }
}

TEST_CASE("token requests must be forms", "[cloud][token]") {
    CloudService cloud(CloudConfig{});
    const DeviceStart start = start_device_flow(cloud, 0ms);
    CloudRequest request = post_form("/oauth2/token", {{"grant_type", kDeviceGrant},
                                                       {"device_code", start.device_code},
                                                       {"client_id", kClient}});
    SECTION("JSON content type") {
        request.content_type = "application/json";
        const CloudResponse r = cloud.handle(request, 1s);
        CHECK(r.status == 400);
        CHECK(error_of(r) == "invalid_request");
    }
    SECTION("form with charset, any case") {
        request.content_type = "Application/X-WWW-Form-Urlencoded; charset=UTF-8";
        CHECK(error_of(cloud.handle(request, 1s)) == "authorization_pending");
    }
    SECTION("no content type") {
        request.content_type = "";
        CHECK(error_of(cloud.handle(request, 1s)) == "authorization_pending");
    }
    SECTION("broken percent escape") {
        request.body += "&x=%G0";
        const CloudResponse r = cloud.handle(request, 1s);
        CHECK(r.status == 400);
        CHECK(error_of(r) == "invalid_request");
    }
}

TEST_CASE("OAuth endpoints only accept POST", "[cloud][token]") {
    CloudService cloud(CloudConfig{});
    for (const char* path : {"/oauth2/token", "/oauth2/device_authorization", "/oauth2/revoke"}) {
        for (const char* method : {"GET", "PUT", "DELETE"}) {
            CloudRequest request = get(path);
            request.method = method;
            const CloudResponse r = cloud.handle(request, 0ms);
            INFO(method << " " << path);
            CHECK(r.status == 405);
            CHECK(header(r, "Allow") == "POST");
            CHECK(error_of(r) == "invalid_request");
            CHECK(json(r).at("error_description").text.size() > 0);
            CHECK(header(r, "Cache-Control") == "no-store");
        }
    }
}

TEST_CASE("every error carries RFC 6749 §5.2 shape and no-store headers", "[cloud][token]") {
    CloudService cloud(CloudConfig{});
    const std::vector<CloudRequest> bad = {
        post_form("/oauth2/token", {{"grant_type", "password"}, {"client_id", kClient}}),
        post_form("/oauth2/token", {{"grant_type", kDeviceGrant}, {"device_code", "x"}, {"client_id", kClient}}),
        post_form("/oauth2/token", {{"grant_type", kDeviceGrant}, {"device_code", "x"}, {"client_id", "nobody"}}),
        post_form("/oauth2/device_authorization", {}),
        get("/oauth2/token"),
        get("/nowhere"),
    };
    for (const CloudRequest& request : bad) {
        const CloudResponse r = cloud.handle(request, 0ms);
        INFO(request.method << " " << request.path << " " << request.body);
        CHECK(r.status >= 400);
        CHECK(r.content_type == "application/json");
        const auto body = json(r);
        CHECK(body.size() == 2);
        CHECK(body.count("error") == 1);
        CHECK(body.count("error_description") == 1);
        CHECK(header(r, "Cache-Control") == "no-store");
        CHECK(header(r, "Pragma") == "no-cache");
    }
}
