// RFC 8628 §5.1: user codes are short, so guessing them at the verification page is limited.
#include "cloud/cloud_test_support.hpp"

using namespace cloud_test;

namespace {

CloudResponse enter(CloudService& cloud, const std::string& user_code, Millis now) {
    return cloud.handle(post_form("/device", {{"user_code", user_code},
                                              {"email", "demo@example.com"},
                                              {"password", "demo"},
                                              {"action", "approve"}}),
                        now);
}

} // namespace

TEST_CASE("five wrong user codes lock an account's code entry for 15 minutes", "[cloud][page]") {
    CloudConfig config;
    config.device_code_lifetime = std::chrono::minutes(30);  // outlives the lock-out
    CloudService cloud(config);
    const DeviceStart start = start_device_flow(cloud, 0ms);
    for (int i = 0; i < 4; ++i) CHECK(enter(cloud, "BBBB-BBBB", Millis(1000 + i)).status == 400);
    const CloudResponse fifth = enter(cloud, "BBBB-BBBB", 2s);
    CHECK(fifth.status == 429);
    CHECK(cloud.journal().back().error == "too_many_attempts");
    // Locked: even the right code is not taken now ...
    CHECK(enter(cloud, start.user_code, 3s).status == 429);
    CHECK(error_of(poll(cloud, start.device_code, 10s)) == "authorization_pending");
    // ... and after the lock-out it is.
    CHECK(enter(cloud, start.user_code, 2s + std::chrono::minutes(15)).status == 200);
}

TEST_CASE("a right code in between starts the count of wrong ones again", "[cloud][page]") {
    CloudService cloud(CloudConfig{});
    const DeviceStart first = start_device_flow(cloud, 0ms);
    for (int i = 0; i < 4; ++i) enter(cloud, "BBBB-BBBB", Millis(1000 + i));
    CHECK(enter(cloud, first.user_code, 2s).status == 200);
    const DeviceStart second = start_device_flow(cloud, 3s);
    for (int i = 0; i < 4; ++i) CHECK(enter(cloud, "BBBB-BBBB", Millis(4000 + i)).status == 400);
    CHECK(enter(cloud, second.user_code, 5s).status == 200);
}

TEST_CASE("the lock-out is the guessing account's alone, and denying wrong codes counts too", "[cloud][page]") {
    CloudConfig config;
    config.accounts.push_back(Account{"jane", "", "pw"});
    CloudService cloud(config);
    const DeviceStart start = start_device_flow(cloud, 0ms);
    const auto deny_as_jane = [&](const std::string& code, Millis now) {
        return cloud.handle(post_form("/device", {{"user_code", code}, {"email", "jane@example.com"},
                                                  {"password", "pw"}, {"action", "deny"}}),
                            now);
    };
    for (int i = 0; i < 4; ++i) CHECK(deny_as_jane("BBBB-BBBB", Millis(1000 + i)).status == 400);
    CHECK(deny_as_jane("BBBB-BBBB", 2s).status == 429);
    CHECK(deny_as_jane(start.user_code, 3s).status == 429);  // locked: not even a right code
    // Another account's session is not locked.
    CHECK(enter(cloud, start.user_code, 4s).status == 200);
    CHECK(poll(cloud, start.device_code, 9s).status == 200);
}
