// The verification page with two-step verification (RFC 6238 TOTP): the approval happens
// only with the account's current one-time code.
#include "cloud/cloud_test_support.hpp"
#include "cloud/verification/totp.hpp"

using namespace cloud_test;

namespace {
const std::string kSecret = "12345678901234567890";

CloudConfig mfa_config() {
    CloudConfig config;
    Account jane{"jane", "", "pw"};
    jane.mfa_totp = true;
    jane.totp_secret = kSecret;
    config.accounts.push_back(jane);
    return config;
}

CloudResponse submit(CloudService& cloud, const std::string& user_code, const std::string& otp, Millis now,
                     const std::string& action = "approve") {
    std::vector<std::pair<std::string, std::string>> fields{
        {"user_code", user_code}, {"email", "jane@example.com"}, {"password", "pw"}, {"action", action}};
    if (!otp.empty()) fields.emplace_back("otp", otp);
    return cloud.handle(post_form("/device", fields), now);
}
} // namespace

TEST_CASE("an MFA account is approved only with the current one-time code", "[cloud][page][mfa]") {
    CloudService cloud(mfa_config());
    const DeviceStart start = start_device_flow(cloud, 100s);

    CHECK(submit(cloud, start.user_code, "", 101s).status == 401);
    CHECK(cloud.journal().back().error == "mfa_required");
    CHECK(error_of(poll(cloud, start.device_code, 106s)) == "authorization_pending");

    std::string wrong = totp(kSecret, 110s);
    for (char& c : wrong) c = static_cast<char>('0' + (c - '0' + 1) % 10);
    CHECK(submit(cloud, start.user_code, wrong, 110s).status == 403);
    CHECK(cloud.journal().back().error == "otp_invalid");
    CHECK(error_of(poll(cloud, start.device_code, 111s)) == "authorization_pending");

    // A code from three steps ago: once right, now too old.
    CHECK(submit(cloud, start.user_code, totp(kSecret, 30s), 120s).status == 403);
    CHECK(cloud.journal().back().error == "otp_expired");
    CHECK(error_of(poll(cloud, start.device_code, 121s)) == "authorization_pending");

    CHECK(submit(cloud, start.user_code, totp(kSecret, 130s), 130s).status == 200);
    const CloudResponse tokens = poll(cloud, start.device_code, 135s);
    REQUIRE(tokens.status == 200);
    CHECK(cloud.access_token_account(str(tokens, "access_token"), 135s) == "jane");
}

TEST_CASE("denying also needs the one-time code of an MFA account", "[cloud][page][mfa]") {
    CloudService cloud(mfa_config());
    const DeviceStart start = start_device_flow(cloud, 0ms);
    CHECK(submit(cloud, start.user_code, "", 1s, "deny").status == 401);
    CHECK(error_of(poll(cloud, start.device_code, 6s)) == "authorization_pending");
    CHECK(submit(cloud, start.user_code, totp(kSecret, 7s), 7s, "deny").status == 200);
    CHECK(error_of(poll(cloud, start.device_code, 12s)) == "access_denied");
}

TEST_CASE("an account without MFA ignores the one-time code field", "[cloud][page][mfa]") {
    CloudService cloud(CloudConfig{});
    const DeviceStart start = start_device_flow(cloud, 0ms);
    const CloudResponse page = cloud.handle(
        post_form("/device", {{"user_code", start.user_code}, {"email", "demo@example.com"}, {"password", "demo"}}),
        1s);
    CHECK(page.status == 200);
}

TEST_CASE("an MFA account without a configured secret gets one derived from the seed", "[cloud][mfa]") {
    CloudConfig config;
    Account jane{"jane", "", "pw"};
    jane.mfa_totp = true;
    config.accounts.push_back(jane);
    config.seed = 7;
    CloudService cloud(config);
    CHECK(cloud.config().accounts.front().totp_secret == derive_totp_secret(7, "jane"));
}

TEST_CASE("a one-time code is good once: a replay is refused, the next step's code works", "[cloud][page][mfa]") {
    CloudService cloud(mfa_config());
    const DeviceStart first = start_device_flow(cloud, 300s);
    const DeviceStart second = start_device_flow(cloud, 300s);
    const std::string code = totp(kSecret, 301s);
    CHECK(submit(cloud, first.user_code, code, 301s).status == 200);
    CHECK(submit(cloud, second.user_code, code, 302s).status == 403);
    CHECK(cloud.journal().back().error == "otp_replayed");
    CHECK(error_of(poll(cloud, second.device_code, 307s)) == "authorization_pending");
    CHECK(submit(cloud, second.user_code, totp(kSecret, 330s), 330s).status == 200);
}
