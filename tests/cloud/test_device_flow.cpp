// RFC 8628 from the speaker's side: device authorization, polling, approval.
#include "cloud/cloud_test_support.hpp"

using namespace cloud_test;

TEST_CASE("device authorization answers codes, URIs and timing", "[cloud][device]") {
    CloudConfig config;
    config.device_code_lifetime = 600s;
    config.poll_interval = 5s;
    CloudService cloud(config);
    const DeviceStart start = start_device_flow(cloud, 0ms);
    const CloudResponse& response = start.response;

    CHECK(start.device_code.size() >= 32);
    CHECK(start.device_code.find_first_not_of(
              "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == std::string::npos);
    REQUIRE(start.user_code.size() == 9);
    CHECK(start.user_code[4] == '-');
    CHECK(start.user_code.find_first_not_of("BCDFGHJKLMNPQRSTVWXZ-") == std::string::npos);
    CHECK(str(response, "verification_uri") == "https://auth.ringside.test/device");
    CHECK(str(response, "verification_uri_complete") ==
          "https://auth.ringside.test/device?user_code=" + start.user_code);
    CHECK(num(response, "expires_in") == 600);
    CHECK(num(response, "interval") == 5);
    CHECK(header(response, "Cache-Control") == "no-store");
}

TEST_CASE("each device authorization gets fresh codes", "[cloud][device]") {
    CloudService cloud(CloudConfig{});
    const DeviceStart a = start_device_flow(cloud, 0ms);
    const DeviceStart b = start_device_flow(cloud, 0ms);
    CHECK(a.device_code != b.device_code);
    CHECK(a.user_code != b.user_code);
}

TEST_CASE("device authorization checks the client", "[cloud][device]") {
    CloudService cloud(CloudConfig{});
    SECTION("missing client_id") {
        const CloudResponse r = cloud.handle(post_form("/oauth2/device_authorization", {{"scope", "x"}}), 0ms);
        CHECK(r.status == 400);
        CHECK(error_of(r) == "invalid_request");
    }
    SECTION("unknown client") {
        const CloudResponse r =
            cloud.handle(post_form("/oauth2/device_authorization", {{"client_id", "stranger"}}), 0ms);
        CHECK(r.status == 401);
        CHECK(error_of(r) == "invalid_client");
        CHECK(header(r, "Cache-Control") == "no-store");
    }
    SECTION("configured clients work too") {
        CloudConfig config;
        config.clients.push_back(Client{"other-speaker", true});
        CloudService configured(config);
        CHECK(configured.handle(post_form("/oauth2/device_authorization", {{"client_id", "other-speaker"}}), 0ms)
                  .status == 200);
    }
}

TEST_CASE("the whole device flow: pending, slow_down, approval, tokens, single use", "[cloud][device]") {
    CloudService cloud(CloudConfig{});  // interval 5 s
    const DeviceStart start = start_device_flow(cloud, 0ms);

    CloudResponse r = poll(cloud, start.device_code, 5s);
    CHECK(r.status == 400);
    CHECK(error_of(r) == "authorization_pending");
    CHECK(header(r, "Cache-Control") == "no-store");

    // 4 s after the previous poll: too early. The interval becomes 10 s.
    r = poll(cloud, start.device_code, 9s);
    CHECK(error_of(r) == "slow_down");

    // 9.999 s later is still under the new 10 s interval: slow_down again, interval 15 s.
    r = poll(cloud, start.device_code, 9s + 9999ms);
    CHECK(error_of(r) == "slow_down");

    // Polling at the grown interval is accepted.
    r = poll(cloud, start.device_code, 9s + 9999ms + 15s);
    CHECK(error_of(r) == "authorization_pending");
    r = poll(cloud, start.device_code, 9s + 9999ms + 30s);
    CHECK(error_of(r) == "authorization_pending");

    REQUIRE(cloud.approve(start.user_code, "demo", 60s) == ApprovalResult::Approved);
    r = poll(cloud, start.device_code, 70s);
    REQUIRE(r.status == 200);
    CHECK(str(r, "token_type") == "Bearer");
    CHECK(num(r, "expires_in") == 3600);
    CHECK(str(r, "scope") == "speaker");
    CHECK(header(r, "Cache-Control") == "no-store");
    CHECK(header(r, "Pragma") == "no-cache");
    const std::string access = str(r, "access_token");
    const std::string refresh_token = str(r, "refresh_token");
    CHECK(access != refresh_token);
    CHECK(cloud.access_token_valid(access, 70s));
    CHECK(cloud.access_token_account(access, 70s) == "demo");

    // Single use: the same device code now reads as unknown.
    r = poll(cloud, start.device_code, 100s);
    CHECK(r.status == 400);
    CHECK(error_of(r) == "invalid_grant");
    CHECK(cloud.approve(start.user_code, "demo", 100s) == ApprovalResult::AlreadyUsed);
}

TEST_CASE("a poll at exactly the interval is not too early", "[cloud][device]") {
    CloudService cloud(CloudConfig{});
    const DeviceStart start = start_device_flow(cloud, 0ms);
    CHECK(error_of(poll(cloud, start.device_code, 1s)) == "authorization_pending");
    CHECK(error_of(poll(cloud, start.device_code, 6s)) == "authorization_pending");
    CHECK(error_of(poll(cloud, start.device_code, 10999ms)) == "slow_down");
}

TEST_CASE("slow_down is per device code", "[cloud][device]") {
    CloudService cloud(CloudConfig{});
    const DeviceStart a = start_device_flow(cloud, 0ms);
    const DeviceStart b = start_device_flow(cloud, 0ms);
    CHECK(error_of(poll(cloud, a.device_code, 1s)) == "authorization_pending");
    CHECK(error_of(poll(cloud, b.device_code, 2s)) == "authorization_pending");
    CHECK(error_of(poll(cloud, a.device_code, 3s)) == "slow_down");
    CHECK(error_of(poll(cloud, b.device_code, 7s)) == "authorization_pending");
}

TEST_CASE("approved tokens belong to the approving account and carry the requested scope", "[cloud][device]") {
    CloudConfig config;
    config.accounts.push_back(Account{"jane", "jane.doe@example.org", "pw"});
    CloudService cloud(config);
    const DeviceStart start = start_device_flow(cloud, 0ms, kClient, "music shopping");
    // Approval by email, in any case.
    REQUIRE(cloud.approve(start.user_code, "Jane.Doe@Example.org", 1s) == ApprovalResult::Approved);
    const CloudResponse r = poll(cloud, start.device_code, 2s);
    REQUIRE(r.status == 200);
    CHECK(str(r, "scope") == "music shopping");
    CHECK(cloud.access_token_account(str(r, "access_token"), 2s) == "jane");
}

TEST_CASE("an unclaimed device code expires", "[cloud][device]") {
    CloudConfig config;
    config.device_code_lifetime = 600s;
    CloudService cloud(config);
    const DeviceStart start = start_device_flow(cloud, 1000ms);

    CHECK(error_of(poll(cloud, start.device_code, 600999ms)) == "authorization_pending");
    const CloudResponse r = poll(cloud, start.device_code, 601000ms);
    CHECK(r.status == 400);
    CHECK(error_of(r) == "expired_token");
    CHECK(cloud.approve(start.user_code, "demo", 601000ms) == ApprovalResult::ExpiredCode);
    CHECK(cloud.pending_user_codes(601000ms).empty());
    // Still expired_token (never invalid_grant) however late the speaker asks again, so it
    // knows to ask for a fresh code rather than give up.
    CHECK(error_of(poll(cloud, start.device_code, std::chrono::hours(24))) == "expired_token");
}

TEST_CASE("an approval the speaker never collects expires with the code", "[cloud][device]") {
    CloudService cloud(CloudConfig{});
    const DeviceStart start = start_device_flow(cloud, 0ms);
    REQUIRE(cloud.approve(start.user_code, "demo", 10s) == ApprovalResult::Approved);
    CHECK(error_of(poll(cloud, start.device_code, 600s)) == "expired_token");
}

TEST_CASE("a denied request answers access_denied", "[cloud][device]") {
    CloudService cloud(CloudConfig{});
    const DeviceStart start = start_device_flow(cloud, 0ms);
    REQUIRE(cloud.deny(start.user_code, 1s) == ApprovalResult::Denied);
    CloudResponse r = poll(cloud, start.device_code, 5s);
    CHECK(r.status == 400);
    CHECK(error_of(r) == "access_denied");
    CHECK(error_of(poll(cloud, start.device_code, 10s)) == "access_denied");
    CHECK(cloud.approve(start.user_code, "demo", 11s) == ApprovalResult::AlreadyUsed);
    CHECK(cloud.deny(start.user_code, 11s) == ApprovalResult::AlreadyUsed);
}

TEST_CASE("device codes are bound to their client", "[cloud][device]") {
    CloudConfig config;
    config.clients.push_back(Client{"other-speaker", true});
    CloudService cloud(config);
    const DeviceStart start = start_device_flow(cloud, 0ms);
    REQUIRE(cloud.approve(start.user_code, "demo", 1s) == ApprovalResult::Approved);

    const CloudResponse stolen = poll(cloud, start.device_code, 5s, "other-speaker");
    CHECK(stolen.status == 400);
    CHECK(error_of(stolen) == "invalid_grant");
    // The attempt did not consume the code: its own client still redeems it.
    CHECK(poll(cloud, start.device_code, 10s).status == 200);
}

TEST_CASE("unknown device codes answer invalid_grant", "[cloud][device]") {
    CloudService cloud(CloudConfig{});
    start_device_flow(cloud, 0ms);
    const CloudResponse r = poll(cloud, "not-a-device-code", 5s);
    CHECK(r.status == 400);
    CHECK(error_of(r) == "invalid_grant");
}

TEST_CASE("approval matches user codes loosely and reports each refusal", "[cloud][device]") {
    CloudService cloud(CloudConfig{});
    const DeviceStart start = start_device_flow(cloud, 0ms);
    std::string typed;
    for (const char c : start.user_code) {
        if (c != '-') typed.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    typed.insert(4, " ");

    CHECK(cloud.approve(start.user_code, "nobody", 1s) == ApprovalResult::UnknownAccount);
    CHECK(cloud.approve("BBBB-BBBB", "demo", 1s) == ApprovalResult::UnknownCode);
    CHECK(cloud.deny("", 1s) == ApprovalResult::UnknownCode);
    CHECK(cloud.pending_user_codes(1s) == std::vector<std::string>{start.user_code});
    CHECK(cloud.approve(typed, "demo", 1s) == ApprovalResult::Approved);
    CHECK(cloud.approve(start.user_code, "demo", 2s) == ApprovalResult::AlreadyUsed);
    CHECK(cloud.pending_user_codes(2s).empty());
}

TEST_CASE("approval results have names", "[cloud][device]") {
    CHECK(std::string(to_string(ApprovalResult::Approved)) == "approved");
    CHECK(std::string(to_string(ApprovalResult::Denied)) == "denied");
    CHECK(std::string(to_string(ApprovalResult::UnknownCode)) == "unknown_code");
    CHECK(std::string(to_string(ApprovalResult::ExpiredCode)) == "expired_code");
    CHECK(std::string(to_string(ApprovalResult::UnknownAccount)) == "unknown_account");
    CHECK(std::string(to_string(ApprovalResult::AlreadyUsed)) == "already_used");
    CHECK(std::string(to_string(ApprovalResult::Restricted)) == "restricted");
}

TEST_CASE("pending user codes are listed oldest first", "[cloud][device]") {
    CloudService cloud(CloudConfig{});
    const DeviceStart a = start_device_flow(cloud, 0ms);
    const DeviceStart b = start_device_flow(cloud, 1s);
    const DeviceStart c = start_device_flow(cloud, 2s);
    REQUIRE(cloud.deny(b.user_code, 3s) == ApprovalResult::Denied);
    CHECK(cloud.pending_user_codes(3s) == std::vector<std::string>{a.user_code, c.user_code});
}

TEST_CASE("a poll interval that is not whole seconds is rounded up on the wire", "[cloud][device]") {
    CloudConfig config;
    config.poll_interval = 1500ms;
    CloudService cloud(config);
    const DeviceStart start = start_device_flow(cloud, 0ms);
    CHECK(num(start.response, "interval") == 2);
    CHECK(error_of(poll(cloud, start.device_code, 0ms)) == "authorization_pending");
    CHECK(error_of(poll(cloud, start.device_code, 1500ms)) == "authorization_pending");
}

TEST_CASE("a zero poll interval falls back to RFC 8628's 5 s", "[cloud][device]") {
    CloudConfig config;
    config.poll_interval = 0ms;
    CloudService cloud(config);
    CHECK(num(start_device_flow(cloud, 0ms).response, "interval") == 5);
}
