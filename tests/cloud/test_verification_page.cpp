// The human verification page at /device (RFC 8628 §3.3).
#include "cloud/cloud_test_support.hpp"

using namespace cloud_test;

namespace {
CloudResponse submit(CloudService& cloud, const std::string& user_code, const std::string& email,
                     const std::string& password, const std::string& action, Millis now) {
    return cloud.handle(post_form("/device", {{"user_code", user_code}, {"email", email},
                                              {"password", password}, {"action", action}}),
                        now);
}
} // namespace

TEST_CASE("the page shows a form with the code filled in, escaped", "[cloud][page]") {
    CloudService cloud(CloudConfig{});
    const DeviceStart start = start_device_flow(cloud, 0ms);
    const CloudResponse page = cloud.handle(get("/device", "user_code=" + start.user_code), 0ms);
    CHECK(page.status == 200);
    CHECK(page.content_type == "text/html; charset=utf-8");
    CHECK(page.body.find("<form method=\"post\" action=\"device\">") != std::string::npos);
    CHECK(page.body.find("value=\"" + start.user_code + "\"") != std::string::npos);

    // A code no device waits for is offered again for correction (the code step).
    const CloudResponse unknown = cloud.handle(get("/device", "user_code=WDJB-MJHT"), 0ms);
    CHECK(unknown.status == 400);
    CHECK(unknown.body.find("value=\"WDJB-MJHT\"") != std::string::npos);

    const CloudResponse hostile = cloud.handle(get("/device", "user_code=%22%3E%3Cscript%3E"), 0ms);
    CHECK(hostile.body.find("<script>") == std::string::npos);
    CHECK(hostile.body.find("&quot;&gt;&lt;script&gt;") != std::string::npos);
}

TEST_CASE("signing in on the page approves the speaker", "[cloud][page]") {
    CloudConfig config;
    config.accounts.push_back(Account{"jane", "", "pw"});
    CloudService cloud(config);
    const DeviceStart start = start_device_flow(cloud, 0ms);

    const CloudResponse page = submit(cloud, start.user_code, "JANE@example.com", "pw", "approve", 1s);
    CHECK(page.status == 200);
    const CloudResponse tokens = poll(cloud, start.device_code, 5s);
    REQUIRE(tokens.status == 200);
    CHECK(cloud.access_token_account(str(tokens, "access_token"), 5s) == "jane");
}

TEST_CASE("the page refuses wrong credentials and bad codes", "[cloud][page]") {
    CloudService cloud(CloudConfig{});
    const DeviceStart start = start_device_flow(cloud, 0ms);

    const CloudResponse wrong = submit(cloud, start.user_code, "demo@example.com", "nope", "approve", 1s);
    CHECK(wrong.status == 403);
    CHECK(cloud.journal().back().error == "access_denied");
    CHECK(error_of(poll(cloud, start.device_code, 1s)) == "authorization_pending");

    const CloudResponse unknown = submit(cloud, "BBBB-BBBB", "demo@example.com", "demo", "approve", 2s);
    CHECK(unknown.status == 400);
    CHECK(cloud.journal().back().error == "invalid_grant");

    const CloudResponse incomplete = submit(cloud, start.user_code, "demo@example.com", "", "approve", 3s);
    CHECK(incomplete.status == 400);
    CHECK(cloud.journal().back().error == "invalid_request");

    const CloudResponse late = submit(cloud, start.user_code, "demo@example.com", "demo", "approve", 600s);
    CHECK(late.status == 400);
    CHECK(cloud.journal().back().error == "expired_token");
}

TEST_CASE("denying on the page denies the speaker", "[cloud][page]") {
    CloudService cloud(CloudConfig{});
    const DeviceStart start = start_device_flow(cloud, 0ms);
    CHECK(submit(cloud, start.user_code, "demo", "demo", "deny", 1s).status == 200);
    CHECK(error_of(poll(cloud, start.device_code, 5s)) == "access_denied");
    const CloudResponse again = submit(cloud, start.user_code, "demo", "demo", "approve", 6s);
    CHECK(again.status == 400);
}

TEST_CASE("the page takes GET and POST only", "[cloud][page]") {
    CloudService cloud(CloudConfig{});
    CloudRequest request = get("/device");
    request.method = "DELETE";
    const CloudResponse r = cloud.handle(request, 0ms);
    CHECK(r.status == 405);
    CHECK(header(r, "Allow") == "GET, POST");
}
