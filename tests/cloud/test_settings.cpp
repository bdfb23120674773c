#include <catch2/catch.hpp>

#include "cloud_test_support.hpp"

using namespace cloud_test;

TEST_CASE("settings are served for a live access token, journaled as 'settings'", "[cloud][settings]") {
    CloudService cloud(CloudConfig{});
    const CloudResponse tokens = sign_in(cloud, 0ms);
    const CloudResponse r = cloud.handle(post_form("/v1/settings", {{"access_token", str(tokens, "access_token")}}), 1s);
    REQUIRE(r.status == 200);
    CHECK(str(r, "locale") == "en-US");
    CHECK(str(r, "time_zone") == "Europe/Berlin");
    CHECK(str(r, "wake_word") == "ringside");
    CHECK(num(r, "volume") == 5);
    CHECK(str(r, "device_name") == "demo's speaker");
    CHECK(header(r, "Cache-Control") == std::optional<std::string>("no-store"));
    CHECK(cloud.journal().back().endpoint == "settings");
    CHECK(cloud.journal().back().status == 200);
}

TEST_CASE("settings refuse a missing, unknown or revoked token with 401 invalid_token", "[cloud][settings]") {
    CloudService cloud(CloudConfig{});
    CHECK(error_of(cloud.handle(post_form("/v1/settings", {}), 0ms)) == "invalid_token");
    const CloudResponse unknown = cloud.handle(post_form("/v1/settings", {{"access_token", "Atza|nope"}}), 0ms);
    CHECK(unknown.status == 401);
    const CloudResponse tokens = sign_in(cloud, 0ms);
    cloud.revoke_account("demo", {});
    const CloudResponse revoked =
        cloud.handle(post_form("/v1/settings", {{"access_token", str(tokens, "access_token")}}), 1s);
    CHECK(revoked.status == 401);
    CHECK(error_of(revoked) == "invalid_token");
}
