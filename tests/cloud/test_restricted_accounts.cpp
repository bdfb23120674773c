// Restricted accounts (suspended, or a child's) and the admin's account changes: a restricted
// account signs in at the page but links nothing, from the page or the app; voice codes can be
// set or turned off.
#include "cloud/cloud_test_support.hpp"

using namespace cloud_test;

namespace {

CloudConfig with_kid() {
    CloudConfig config;
    Account kid{"kid", "", "lego"};
    kid.restricted = true;
    config.accounts.push_back(kid);
    return config;
}

CloudResponse submit(CloudService& cloud, const std::string& user_code, const std::string& email,
                     const std::string& password, const std::string& action, Millis now) {
    return cloud.handle(post_form("/device", {{"user_code", user_code}, {"email", email},
                                              {"password", password}, {"action", action}}),
                        now);
}

} // namespace

TEST_CASE("a restricted account signs in at the page but approving is refused and decides nothing", "[cloud][restricted]") {
    CloudService cloud(with_kid());
    const DeviceStart start = start_device_flow(cloud, 0ms);

    const CloudResponse page = submit(cloud, start.user_code, "kid@example.com", "lego", "approve", 1s);
    CHECK(page.status == 403);
    CHECK(cloud.journal().back().error == "access_denied");
    CHECK(page.body.find("may not link devices") != std::string::npos);
    // The form is shown again, so someone who may link can sign in on the same code.
    CHECK(page.body.find("value=\"" + start.user_code + "\"") != std::string::npos);
    CHECK(error_of(poll(cloud, start.device_code, 5s)) == "authorization_pending");
    CHECK(cloud.pending_user_codes(5s) == std::vector<std::string>{start.user_code});

    CHECK(submit(cloud, start.user_code, "demo@example.com", "demo", "approve", 6s).status == 200);
    const CloudResponse tokens = poll(cloud, start.device_code, 10s);
    REQUIRE(tokens.status == 200);
    CHECK(cloud.access_token_account(str(tokens, "access_token"), 10s) == "demo");
}

TEST_CASE("the app confirming from a restricted account's session is refused too", "[cloud][restricted]") {
    CloudService cloud(with_kid());
    const DeviceStart start = start_device_flow(cloud, 0ms);
    CHECK(cloud.approve(start.user_code, "kid", 1s) == ApprovalResult::Restricted);
    CHECK(cloud.approve(start.user_code, "KID@example.com", 1s) == ApprovalResult::Restricted);
    CHECK(std::string(to_string(ApprovalResult::Restricted)) == "restricted");
    CHECK(error_of(poll(cloud, start.device_code, 5s)) == "authorization_pending");
    // Refused before the code is looked at: a restricted session learns nothing about codes.
    CHECK(cloud.approve("BBBB-BBBB", "kid", 6s) == ApprovalResult::Restricted);
    CHECK(cloud.approve(start.user_code, "demo", 7s) == ApprovalResult::Approved);
}

TEST_CASE("a restricted account may deny a code it did not expect", "[cloud][restricted]") {
    CloudService cloud(with_kid());
    const DeviceStart start = start_device_flow(cloud, 0ms);
    CHECK(submit(cloud, start.user_code, "kid@example.com", "lego", "deny", 1s).status == 200);
    CHECK(error_of(poll(cloud, start.device_code, 5s)) == "access_denied");
}

TEST_CASE("restriction refusals do not reset the count of wrong codes between guesses", "[cloud][restricted][page]") {
    CloudConfig config = with_kid();
    config.device_code_lifetime = std::chrono::minutes(30);
    CloudService cloud(config);
    const DeviceStart start = start_device_flow(cloud, 0ms);
    // Denying wrong codes counts as guessing; an approval refused in between changes nothing.
    for (int i = 0; i < 4; ++i) {
        CHECK(submit(cloud, "BBBB-BBBB", "kid", "lego", "deny", Millis(1000 + 10 * i)).status == 400);
        CHECK(submit(cloud, start.user_code, "kid", "lego", "approve", Millis(1005 + 10 * i)).status == 403);
    }
    CHECK(submit(cloud, "BBBB-BBBB", "kid", "lego", "deny", 2s).status == 429);
    CHECK(submit(cloud, start.user_code, "kid", "lego", "deny", 3s).status == 429);
    CHECK(error_of(poll(cloud, start.device_code, 5s)) == "authorization_pending");
}

TEST_CASE("set_restricted turns linking off and on, leaving existing grants alone", "[cloud][restricted]") {
    CloudService cloud(CloudConfig{});
    const CloudResponse linked = sign_in(cloud, 0ms);
    REQUIRE(cloud.set_restricted("demo", true));
    CHECK(cloud.config().accounts.back().restricted);
    CHECK(cloud.access_token_valid(str(linked, "access_token"), 1s));
    CHECK(refresh(cloud, str(linked, "refresh_token"), 2s).status == 200);
    const DeviceStart start = start_device_flow(cloud, 3s);
    CHECK(cloud.approve(start.user_code, "demo", 4s) == ApprovalResult::Restricted);
    REQUIRE(cloud.set_restricted("demo@example.com", false));
    CHECK(cloud.approve(start.user_code, "demo", 5s) == ApprovalResult::Approved);
    CHECK_FALSE(cloud.set_restricted("nobody", true));
}

TEST_CASE("set_voice_code sets 4 digits or turns purchasing off, and unlocks purchasing", "[cloud][voice]") {
    CloudService cloud(CloudConfig{});
    const auto voice_code = [&] { return cloud.config().accounts.back().voice.voice_code; };
    REQUIRE(cloud.set_voice_code("demo", "4711"));
    CHECK(voice_code() == "4711");
    for (const char* bad : {"471", "47111", "47a1", " 4711"}) {
        INFO(bad);
        CHECK_FALSE(cloud.set_voice_code("demo", bad));
    }
    CHECK(voice_code() == "4711");
    CHECK_FALSE(cloud.set_voice_code("nobody", "1234"));

    // Three wrong codes locked purchasing; a new code from the app unlocks it.
    const Account& demo = cloud.config().accounts.back();
    CHECK(cloud.voice_world().answer(demo, "demo", "buy coffee").speech.find("say your voice code") != std::string::npos);
    for (int i = 0; i < 3; ++i) {
        cloud.voice_world().answer(demo, "demo", "buy coffee");
        cloud.voice_world().answer(demo, "demo", "0000");
    }
    REQUIRE(cloud.voice_state("demo").purchasing_locked);
    REQUIRE(cloud.set_voice_code("demo", "1234"));
    CHECK_FALSE(cloud.voice_state("demo").purchasing_locked);
    CHECK(cloud.voice_state("demo").wrong_codes == 0);

    REQUIRE(cloud.set_voice_code("demo", ""));
    CHECK(cloud.voice_world().answer(demo, "demo", "buy coffee").speech == "Voice purchasing is turned off for this account.");
}
