// OAuth-level faults on the device grant over HTTP, with curl polling and the admin clock
// standing in for the wait between polls: an error on poll N, "the user approves after N
// polls", and "the user never approves" (a sticky authorization_pending).
#include <catch2/catch.hpp>

#include "cloud_server/fault_test_support.hpp"

using namespace ringside::test;

namespace {

struct Grant {
    std::string device_code, user_code;
};

Grant start(const CloudProcess& cloud) {
    const HttpResult code = device_authorization(cloud);
    REQUIRE(code.status == 200);
    return {field(code, "device_code"), field(code, "user_code")};
}

// A poll on time: the interval (5 s) passes on the cloud's clock first, so no slow_down.
HttpResult poll_on_time(const CloudProcess& cloud, const Grant& grant) {
    advance_clock(cloud, 6000);
    return poll_token(cloud, grant.device_code);
}

} // namespace

TEST_CASE("slow_down, expired_token, access_denied and invalid_grant on poll 3 only", "[http][faults][oauth]") {
    CloudProcess cloud;
    for (const std::string error : {"slow_down", "expired_token", "access_denied", "invalid_grant"}) {
        INFO(error);
        reset_cloud(cloud, 1);
        REQUIRE(add_fault(cloud, {"endpoint=token", "grant=device_code", "error=" + error, "after=2"}).status == 201);
        const Grant grant = start(cloud);
        CHECK(field(poll_on_time(cloud, grant), "error") == "authorization_pending");
        CHECK(field(poll_on_time(cloud, grant), "error") == "authorization_pending");
        const HttpResult third = poll_on_time(cloud, grant);
        CHECK(third.status == 400);
        CHECK(field(third, "error") == error);
        // The fault answered poll 3 in the service's place: the code itself is unharmed.
        CHECK(field(poll_on_time(cloud, grant), "error") == "authorization_pending");
    }
}

TEST_CASE("the user approves after 3 polls: three pending answers, then the tokens", "[http][faults][oauth]") {
    CloudProcess cloud;
    const Grant grant = start(cloud);
    const HttpResult booked = admin_call(cloud, "approve", {"user_code=" + grant.user_code, "account=demo", "after_polls=3"});
    CHECK(booked.status == 200);
    CHECK(field(booked, "result") == "scheduled");
    for (int i = 0; i < 3; ++i) CHECK(field(poll_on_time(cloud, grant), "error") == "authorization_pending");
    const HttpResult tokens = poll_on_time(cloud, grant);
    REQUIRE(tokens.status == 200);
    CHECK_FALSE(field(tokens, "access_token").empty());

    CHECK(admin_call(cloud, "approve", {"user_code=" + start(cloud).user_code, "account=demo", "after_polls=x"}).status == 400);
    CHECK(admin_call(cloud, "deny", {"user_code=" + start(cloud).user_code, "after_polls=2"}).status == 400);
}

TEST_CASE("the user never approves: a sticky authorization_pending hides even a real approval", "[http][faults][oauth]") {
    CloudProcess cloud;
    REQUIRE(add_fault(cloud, {"endpoint=token", "grant=device_code", "error=authorization_pending", "count=0"}).status == 201);
    const Grant grant = start(cloud);
    REQUIRE(admin_call(cloud, "approve", {"user_code=" + grant.user_code, "account=demo"}).status == 200);
    for (int i = 0; i < 4; ++i) CHECK(field(poll_on_time(cloud, grant), "error") == "authorization_pending");
    CHECK_THAT(journal(cloud, "token"), !Catch::Contains("\"faulted\":false"));
}
