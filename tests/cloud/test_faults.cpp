// Scenario-injected faults: which requests they take, what they answer, what they leave alone.
#include "cloud/cloud_test_support.hpp"

using namespace cloud_test;

namespace {

Fault fault_on(std::string endpoint, int after, int count) {
    Fault fault;
    fault.endpoint = std::move(endpoint);
    fault.after = after;
    fault.count = count;
    return fault;
}

CloudResponse metadata(CloudService& cloud, Millis now) {
    return cloud.handle(get("/.well-known/oauth-authorization-server"), now);
}

} // namespace

TEST_CASE("a fault skips `after` matches, then answers `count` of them", "[cloud][faults]") {
    CloudService cloud(CloudConfig{});
    Fault fault = fault_on("metadata", 2, 3);
    fault.status = 500;
    cloud.add_fault(fault);
    std::vector<int> statuses;
    for (int i = 0; i < 7; ++i) statuses.push_back(metadata(cloud, Millis{i}).status);
    CHECK(statuses == std::vector<int>{200, 200, 500, 500, 500, 200, 200});

    const CloudResponse body_check = [&] {
        CloudService other(CloudConfig{});
        Fault first = fault;
        first.after = 0;
        other.add_fault(first);
        return metadata(other, 0ms);
    }();
    CHECK(body_check.status == 500);
    CHECK(error_of(body_check) == "server_error");
    CHECK(header(body_check, "Cache-Control") == "no-store");
}

TEST_CASE("count 0 faults every match forever", "[cloud][faults]") {
    CloudService cloud(CloudConfig{});
    Fault fault = fault_on("metadata", 1, 0);
    fault.status = 502;
    cloud.add_fault(fault);
    CHECK(metadata(cloud, 0ms).status == 200);
    for (int i = 1; i < 50; ++i) REQUIRE(metadata(cloud, Millis{i}).status == 502);
}

TEST_CASE("a 503 fault says temporarily_unavailable and can ask for Retry-After", "[cloud][faults]") {
    CloudService cloud(CloudConfig{});
    Fault fault = fault_on("token", 0, 2);
    fault.status = 503;
    fault.retry_after_s = 30;
    cloud.add_fault(fault);
    const DeviceStart start = start_device_flow(cloud, 0ms);  // other endpoint: untouched
    const CloudResponse r = poll(cloud, start.device_code, 5s);
    CHECK(r.status == 503);
    CHECK(error_of(r) == "temporarily_unavailable");
    CHECK(header(r, "Retry-After") == "30");
    CHECK(header(r, "Cache-Control") == "no-store");
    CHECK(poll(cloud, start.device_code, 10s).status == 503);
    CHECK(error_of(poll(cloud, start.device_code, 15s)) == "authorization_pending");
}

TEST_CASE("no Retry-After unless asked for", "[cloud][faults]") {
    CloudService cloud(CloudConfig{});
    Fault fault = fault_on("metadata", 0, 1);
    fault.status = 503;
    cloud.add_fault(fault);
    CHECK_FALSE(header(metadata(cloud, 0ms), "Retry-After"));
}

TEST_CASE("an OAuth-error fault answers that error", "[cloud][faults]") {
    CloudService cloud(CloudConfig{});
    SECTION("default status 400") {
        Fault fault = fault_on("token", 0, 1);
        fault.oauth_error = "expired_token";
        cloud.add_fault(fault);
        const DeviceStart start = start_device_flow(cloud, 0ms);
        const CloudResponse r = poll(cloud, start.device_code, 5s);
        CHECK(r.status == 400);
        CHECK(error_of(r) == "expired_token");
        CHECK(json(r).count("error_description") == 1);
        // The code itself is unharmed.
        CHECK(error_of(poll(cloud, start.device_code, 10s)) == "authorization_pending");
    }
    SECTION("invalid_client is a 401") {
        Fault fault = fault_on("device_authorization", 0, 1);
        fault.oauth_error = "invalid_client";
        cloud.add_fault(fault);
        const CloudResponse r =
            cloud.handle(post_form("/oauth2/device_authorization", {{"client_id", kClient}}), 0ms);
        CHECK(r.status == 401);
        CHECK(error_of(r) == "invalid_client");
    }
    SECTION("an explicit status wins") {
        Fault fault = fault_on("token", 0, 1);
        fault.oauth_error = "unauthorized_client";
        fault.status = 403;
        cloud.add_fault(fault);
        const CloudResponse r = refresh(cloud, "whatever", 0ms);
        CHECK(r.status == 403);
        CHECK(error_of(r) == "unauthorized_client");
    }
}

TEST_CASE("a grant filter limits a fault to one grant type", "[cloud][faults]") {
    CloudService cloud(CloudConfig{});
    const CloudResponse tokens = sign_in(cloud, 0ms);
    Fault fault = fault_on("token", 0, 0);
    fault.grant_type = "refresh_token";
    fault.status = 500;
    cloud.add_fault(fault);

    const DeviceStart start = start_device_flow(cloud, 1s);
    CHECK(error_of(poll(cloud, start.device_code, 1s)) == "authorization_pending");
    CHECK(refresh(cloud, str(tokens, "refresh_token"), 2s).status == 500);
}

TEST_CASE("the wildcard endpoint matches every request", "[cloud][faults]") {
    CloudService cloud(CloudConfig{});
    Fault fault = fault_on("*", 0, 0);
    fault.status = 500;
    cloud.add_fault(fault);
    CHECK(metadata(cloud, 0ms).status == 500);
    CHECK(cloud.handle(post_form("/oauth2/device_authorization", {{"client_id", kClient}}), 0ms).status == 500);
    CHECK(cloud.handle(get("/nowhere"), 0ms).status == 500);
}

TEST_CASE("a faulted poll is not a poll: it neither triggers nor resets slow_down", "[cloud][faults]") {
    CloudService cloud(CloudConfig{});
    const DeviceStart start = start_device_flow(cloud, 0ms);
    CHECK(error_of(poll(cloud, start.device_code, 5s)) == "authorization_pending");
    Fault fault = fault_on("token", 0, 1);
    fault.status = 503;
    cloud.add_fault(fault);
    CHECK(poll(cloud, start.device_code, 6s).status == 503);  // 1 s after the last real poll
    // 5 s after the last real poll, 4 s after the faulted one: on time.
    CHECK(error_of(poll(cloud, start.device_code, 10s)) == "authorization_pending");
}

TEST_CASE("a faulted token request consumes nothing", "[cloud][faults]") {
    CloudService cloud(CloudConfig{});
    const DeviceStart start = start_device_flow(cloud, 0ms);
    REQUIRE(cloud.approve(start.user_code, "demo", 0ms) == ApprovalResult::Approved);
    Fault fault = fault_on("token", 0, 1);
    fault.status = 500;
    cloud.add_fault(fault);
    CHECK(poll(cloud, start.device_code, 5s).status == 500);
    const CloudResponse tokens = poll(cloud, start.device_code, 10s);
    REQUIRE(tokens.status == 200);

    cloud.add_fault(fault);  // a second one-shot fault for the refresh
    CHECK(refresh(cloud, str(tokens, "refresh_token"), 20s).status == 500);
    CHECK(refresh(cloud, str(tokens, "refresh_token"), 21s).status == 200);  // not rotated away
}

TEST_CASE("the first fault added wins, and every matching fault counts the request", "[cloud][faults]") {
    CloudService cloud(CloudConfig{});
    Fault first = fault_on("metadata", 0, 2);
    first.status = 500;
    Fault second = fault_on("metadata", 1, 3);
    second.status = 503;
    cloud.add_fault(first);
    cloud.add_fault(second);
    std::vector<int> statuses;
    for (int i = 0; i < 6; ++i) statuses.push_back(metadata(cloud, Millis{i}).status);
    // Request 2 matches both; the first answers. The second still counted it, so its three
    // firings are requests 2, 3 and 4 (only 3 and 4 visible).
    CHECK(statuses == std::vector<int>{500, 500, 503, 503, 200, 200});
}

TEST_CASE("faults do not fire on other endpoints", "[cloud][faults]") {
    CloudService cloud(CloudConfig{});
    Fault fault = fault_on("revoke", 0, 0);
    fault.status = 500;
    cloud.add_fault(fault);
    CHECK(metadata(cloud, 0ms).status == 200);
    const CloudResponse tokens = sign_in(cloud, 0ms);
    CHECK(refresh(cloud, str(tokens, "refresh_token"), 1s).status == 200);
    CHECK(cloud.handle(post_form("/oauth2/revoke", {{"token", "x"}, {"client_id", kClient}}), 2s).status == 500);
}

TEST_CASE("the fault response is exposed for inspection", "[cloud][faults]") {
    Fault fault;
    fault.status = 429;
    fault.retry_after_s = 7;
    const Outcome outcome = *fault_response(fault);
    CHECK(outcome.response.status == 429);
    CHECK(outcome.error == "server_error");
    CHECK(header(outcome.response, "Retry-After") == "7");
    Fault bare;  // nothing to answer with: a fault that can only delay
    CHECK_FALSE(fault_response(bare).has_value());
}

TEST_CASE("a drop fault swallows the request: marked dropped, journaled with status 0", "[cloud][faults]") {
    CloudService cloud(CloudConfig{});
    Fault fault = fault_on("metadata", 0, 1);
    fault.drop = true;
    cloud.add_fault(fault);
    const CloudResponse dropped = metadata(cloud, 0ms);
    CHECK(dropped.dropped);
    CHECK(dropped.body.empty());
    REQUIRE(cloud.journal().size() == 1);
    CHECK(cloud.journal()[0].status == 0);
    CHECK(cloud.journal()[0].error == "dropped");
    CHECK(cloud.journal()[0].faulted);
    const CloudResponse next = metadata(cloud, 1ms);
    CHECK_FALSE(next.dropped);
    CHECK(next.status == 200);
}
