// RFC 8628 §5.4: once a live user code is entered, the verification page names the device
// asking (the client's display name and the serial the device sent), so a person sent
// someone else's code can tell. Never the device code; everything escaped.
#include "cloud/cloud_test_support.hpp"

using namespace cloud_test;

namespace {

bool has(const CloudResponse& r, const std::string& text) { return r.body.find(text) != std::string::npos; }

DeviceStart start_with_serial(CloudService& cloud, Millis now, const std::string& serial,
                              const std::string& client = kClient) {
    const CloudResponse r = cloud.handle(
        post_form("/oauth2/device_authorization", {{"client_id", client}, {"device_serial", serial}}), now);
    REQUIRE(r.status == 200);
    return {str(r, "device_code"), str(r, "user_code"), r};
}

CloudResponse open_page(CloudService& cloud, const std::string& user_code, Millis now) {
    return cloud.handle(get("/device", "user_code=" + form_encode(user_code)), now);
}

CloudResponse submit(CloudService& cloud, const std::string& user_code, const std::string& password,
                     const std::string& action, Millis now) {
    return cloud.handle(post_form("/device", {{"user_code", user_code}, {"email", "demo@example.com"},
                                              {"password", password}, {"action", action}}),
                        now);
}

} // namespace

TEST_CASE("a live code's page names the client and the serial the device sent, never the device code", "[cloud][page]") {
    CloudService cloud(CloudConfig{});
    const DeviceStart start = start_with_serial(cloud, 0ms, "RS0000000042");
    const CloudResponse page = open_page(cloud, start.user_code, 1s);
    CHECK(page.status == 200);
    CHECK(has(page, "Ringside One speaker"));
    CHECK(has(page, "serial number <strong>RS0000000042</strong>"));
    CHECK(has(page, "<form method=\"post\" action=\"device\">"));
    CHECK(has(page, "value=\"" + start.user_code + "\""));
    CHECK_FALSE(has(page, start.device_code));
    CHECK(header(page, "Cache-Control") == "no-store");
    // The code as a person types it: any case, without the dash.
    std::string typed = start.user_code;
    typed.erase(4, 1);
    for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK(has(open_page(cloud, typed, 2s), "RS0000000042"));
}

TEST_CASE("the answer to Allow or Deny names the device again", "[cloud][page]") {
    CloudService cloud(CloudConfig{});
    const DeviceStart allowed = start_with_serial(cloud, 0ms, "RS-ALLOW-1");
    const CloudResponse done = submit(cloud, allowed.user_code, "demo", "approve", 1s);
    CHECK(done.status == 200);
    CHECK(has(done, "Ringside One speaker"));
    CHECK(has(done, "RS-ALLOW-1"));
    CHECK_FALSE(has(done, allowed.device_code));

    const DeviceStart denied = start_with_serial(cloud, 2s, "RS-DENY-2");
    const CloudResponse refused = submit(cloud, denied.user_code, "demo", "deny", 3s);
    CHECK(refused.status == 200);
    CHECK(has(refused, "RS-DENY-2"));
    CHECK(error_of(poll(cloud, denied.device_code, 8s)) == "access_denied");
}

TEST_CASE("a sign-in that fails before the code is checked names no device", "[cloud][page]") {
    CloudService cloud(CloudConfig{});
    const DeviceStart start = start_with_serial(cloud, 0ms, "RS0000000042");
    const CloudResponse wrong = submit(cloud, start.user_code, "not-the-password", "approve", 1s);
    CHECK(wrong.status == 403);
    CHECK_FALSE(has(wrong, "RS0000000042"));
    CHECK_FALSE(has(wrong, "Ringside One speaker"));
}

TEST_CASE("without device_serial the page says the serial was not reported, a bad one is refused", "[cloud][page][device]") {
    CloudService cloud(CloudConfig{});
    const DeviceStart start = start_device_flow(cloud, 0ms);
    CHECK(has(open_page(cloud, start.user_code, 1s), "serial number not reported"));

    for (const std::string& bad : {std::string("RS 1"), std::string("<script>"), std::string(65, 'A')}) {
        INFO(bad);
        const CloudResponse r = cloud.handle(
            post_form("/oauth2/device_authorization", {{"client_id", kClient}, {"device_serial", bad}}), 2s);
        CHECK(r.status == 400);
        CHECK(error_of(r) == "invalid_request");
    }
    CloudRequest twice = post_form("/oauth2/device_authorization", {{"client_id", kClient}, {"device_serial", "A"}});
    twice.body += "&device_serial=B";
    CHECK(error_of(cloud.handle(twice, 3s)) == "invalid_request");
}

TEST_CASE("a client's display name is escaped, and a client without one is shown by its id", "[cloud][page]") {
    CloudConfig config;
    config.clients.push_back(Client{"kitchen-display", true, false, "<b>Kim's \"display\"</b>"});
    config.clients.push_back(Client{"garage-speaker", true});
    CloudService cloud(config);
    const CloudResponse named = open_page(cloud, start_device_flow(cloud, 0ms, "kitchen-display").user_code, 1s);
    CHECK(has(named, "&lt;b&gt;Kim&#39;s &quot;display&quot;&lt;/b&gt;"));
    CHECK_FALSE(has(named, "<b>Kim"));
    CHECK(has(open_page(cloud, start_device_flow(cloud, 0ms, "garage-speaker").user_code, 1s), "garage-speaker"));
}

TEST_CASE("LWA: the page names the product and serial from scope_data", "[cloud][page][lwa]") {
    CloudConfig config;
    config.dialect = Dialect::Lwa;
    CloudService cloud(config);
    const CloudResponse pair = cloud.handle(
        post_form("/auth/O2/create/codepair",
                  {{"response_type", "device_code"},
                   {"client_id", kClient},
                   {"scope", "alexa:all"},
                   {"scope_data",
                    R"({"alexa:all":{"productID":"RS-ONE","productInstanceAttributes":{"deviceSerialNumber":"G090LF09643202VS"}}})"}}),
        0ms);
    REQUIRE(pair.status == 200);
    const CloudResponse page = open_page(cloud, str(pair, "user_code"), 1s);
    CHECK(has(page, "Ringside One speaker"));
    CHECK(has(page, "(product RS-ONE)"));
    CHECK(has(page, "G090LF09643202VS"));
    CHECK_FALSE(has(page, str(pair, "device_code")));
}

TEST_CASE("the code step: no code asks for one, a code that is not live is said so, naming nothing", "[cloud][page]") {
    CloudService cloud(CloudConfig{});
    const CloudResponse blank = cloud.handle(get("/device"), 0ms);
    CHECK(blank.status == 200);
    CHECK(has(blank, "<form method=\"get\" action=\"device\">"));
    CHECK_FALSE(has(blank, "type=\"password\""));  // no password before the device is named

    const DeviceStart used = start_device_flow(cloud, 0ms);
    REQUIRE(cloud.approve(used.user_code, "demo", 1s) == ApprovalResult::Approved);
    const CloudResponse decided = open_page(cloud, used.user_code, 2s);
    CHECK(decided.status == 400);
    CHECK(cloud.journal().back().error == "invalid_grant");
    CHECK_FALSE(has(decided, "Ringside One speaker"));

    const DeviceStart lapsed = start_device_flow(cloud, 0ms);
    CHECK(open_page(cloud, lapsed.user_code, 600s).status == 400);
    CHECK(cloud.journal().back().error == "expired_token");

    const CloudResponse unknown = open_page(cloud, "BBBB-BBBB", 3s);
    CHECK(unknown.status == 400);
    CHECK(cloud.journal().back().error == "invalid_grant");
    CHECK(has(unknown, "value=\"BBBB-BBBB\""));
}

TEST_CASE("looking codes up cannot enumerate them: 20 misses a minute, then no page names a device", "[cloud][page]") {
    CloudService cloud(CloudConfig{});
    const DeviceStart live = start_with_serial(cloud, 0ms, "RS0000000042");
    for (int i = 0; i < 20; ++i) CHECK(open_page(cloud, "BBBB-BBBB", Millis(1000 + i)).status == 400);
    // The budget is spent: even the live code gets the sign-in form alone ...
    const CloudResponse spent = open_page(cloud, live.user_code, 2s);
    CHECK(spent.status == 200);
    CHECK_FALSE(has(spent, "RS0000000042"));
    CHECK(has(spent, "<form method=\"post\" action=\"device\">"));
    // ... a miss is no longer told apart from a hit ...
    CHECK(open_page(cloud, "CCCC-CCCC", 3s).status == 200);
    // ... signing in still works and names the device ...
    const DeviceStart other = start_with_serial(cloud, 4s, "RS0000000043");
    CHECK(has(submit(cloud, other.user_code, "demo", "approve", 5s), "RS0000000043"));
    // ... and the next minute lookups name devices again.
    CHECK(has(open_page(cloud, live.user_code, 61s), "RS0000000042"));
}
