// "The user approves after N polls", and "the user never approves" as a sticky
// authorization_pending fault.
#include "cloud/cloud_test_support.hpp"

using namespace cloud_test;

TEST_CASE("a booked approval answers the next N polls pending, then the tokens", "[cloud][approval]") {
    CloudService cloud(CloudConfig{});
    const DeviceStart start = start_device_flow(cloud, 0ms);
    REQUIRE(cloud.approve_after_polls(start.user_code, "demo", 3, 0ms) == ApprovalResult::Scheduled);
    CHECK(cloud.pending_user_codes(0ms) == std::vector<std::string>{start.user_code});
    for (int i = 1; i <= 3; ++i) CHECK(error_of(poll(cloud, start.device_code, Millis(5000 * i))) == "authorization_pending");
    const CloudResponse tokens = poll(cloud, start.device_code, 20s);
    REQUIRE(tokens.status == 200);
    CHECK(cloud.refresh_token_account(str(tokens, "refresh_token")) == "demo");
}

TEST_CASE("a booked approval counts only the polls the cloud answered, slow_down ones included", "[cloud][approval]") {
    CloudService cloud(CloudConfig{});
    const DeviceStart start = start_device_flow(cloud, 0ms);
    REQUIRE(cloud.approve_after_polls(start.user_code, "demo", 2, 0ms) == ApprovalResult::Scheduled);
    Fault outage;
    outage.endpoint = "token";
    outage.status = 503;
    outage.count = 2;
    cloud.add_fault(outage);
    CHECK(poll(cloud, start.device_code, 5s).status == 503);
    CHECK(poll(cloud, start.device_code, 10s).status == 503);
    CHECK(error_of(poll(cloud, start.device_code, 15s)) == "authorization_pending");  // 1
    CHECK(error_of(poll(cloud, start.device_code, 16s)) == "slow_down");              // 2, too soon
    CHECK(poll(cloud, start.device_code, 30s).status == 200);
}

TEST_CASE("booking an approval is refused like an approval, zero polls approves at once", "[cloud][approval]") {
    CloudService cloud(CloudConfig{});
    CHECK(cloud.approve_after_polls("BCDF-GHJK", "demo", 2, 0ms) == ApprovalResult::UnknownCode);
    const DeviceStart start = start_device_flow(cloud, 0ms);
    CHECK(cloud.approve_after_polls(start.user_code, "nobody", 2, 0ms) == ApprovalResult::UnknownAccount);
    CHECK(cloud.approve_after_polls(start.user_code, "demo", 0, 0ms) == ApprovalResult::Approved);
    CHECK(poll(cloud, start.device_code, 5s).status == 200);

    const DeviceStart late = start_device_flow(cloud, 0ms);
    CHECK(cloud.approve_after_polls(late.user_code, "demo", 2, 11min) == ApprovalResult::ExpiredCode);
}

TEST_CASE("a booked approval the user then denies stays denied", "[cloud][approval]") {
    CloudService cloud(CloudConfig{});
    const DeviceStart start = start_device_flow(cloud, 0ms);
    REQUIRE(cloud.approve_after_polls(start.user_code, "demo", 1, 0ms) == ApprovalResult::Scheduled);
    REQUIRE(cloud.deny(start.user_code, 1s) == ApprovalResult::Denied);
    CHECK(error_of(poll(cloud, start.device_code, 5s)) == "access_denied");
    CHECK(error_of(poll(cloud, start.device_code, 10s)) == "access_denied");
}

TEST_CASE("the user never approves: a sticky authorization_pending fault outlasts a real approval", "[cloud][approval][faults]") {
    CloudService cloud(CloudConfig{});
    Fault never;
    never.endpoint = "token";
    never.grant_type = "device_code";
    never.oauth_error = "authorization_pending";
    never.count = 0;
    cloud.add_fault(never);
    const DeviceStart start = start_device_flow(cloud, 0ms);
    REQUIRE(cloud.approve(start.user_code, "demo", 0ms) == ApprovalResult::Approved);
    for (int i = 1; i <= 200; ++i) REQUIRE(error_of(poll(cloud, start.device_code, Millis(5000 * i))) == "authorization_pending");
    // The fault answered every poll, so the cloud never said expired_token: only a client's
    // own lifetime check ends this.
    CHECK(cloud.journal().back().faulted);
}
