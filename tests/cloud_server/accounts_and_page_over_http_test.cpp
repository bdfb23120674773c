// The admin API's account changes (restrict, voice code) and the verification page naming the
// device, met with curl through the real server; and a tenant made from a JSON configuration
// keeps a client's display name and an account's restriction (the config codec).
#include <catch2/catch.hpp>

#include "cloud_server/http_test_support.hpp"
#include "cloud/codec/cloud_config_json.hpp"

using namespace ringside;
using namespace ringside::test;

namespace {

HttpResult admin(const CloudProcess& cloud, const std::string& what, const std::vector<std::string>& fields,
                 const std::string& base = "") {
    std::vector<std::string> args{"-H", "Authorization: Bearer " + cloud.admin_token()};
    for (const auto& f : fields) args.insert(args.end(), {"-d", f});
    args.push_back(cloud.issuer() + base + "/admin/" + what);
    return curl(args);
}

HttpResult code_with_serial(const CloudProcess& cloud, const std::string& serial, const std::string& base = "",
                            const std::string& client = "ringside-speaker") {
    return curl({"-d", "client_id=" + client, "-d", "device_serial=" + serial,
                 cloud.issuer() + base + "/oauth2/device_authorization"});
}

HttpResult page_sign_in(const CloudProcess& cloud, const std::string& user_code, const std::string& email,
                        const std::string& password, const std::string& base = "") {
    return curl({"-d", "user_code=" + user_code, "-d", "email=" + email, "-d", "password=" + password, "-d",
                 "action=approve", cloud.issuer() + base + "/device"});
}

} // namespace

TEST_CASE("the page names the device the speaker's request described, and never shows its device code", "[http][page]") {
    CloudProcess cloud;
    const HttpResult code = code_with_serial(cloud, "RS0000000042");
    REQUIRE(code.status == 200);
    const HttpResult page = curl({field(code, "verification_uri_complete")});
    CHECK(page.status == 200);
    CHECK_THAT(page.headers, Catch::Contains("Content-Type: text/html"));
    CHECK_THAT(page.headers, Catch::Contains("Cache-Control: no-store"));
    CHECK_THAT(page.body, Catch::Contains("Ringside One speaker"));
    CHECK_THAT(page.body, Catch::Contains("RS0000000042"));
    CHECK_THAT(page.body, !Catch::Contains(field(code, "device_code")));

    const HttpResult done = page_sign_in(cloud, field(code, "user_code"), "demo@example.com", "demo");
    CHECK(done.status == 200);
    CHECK_THAT(done.body, Catch::Contains("RS0000000042"));

    const HttpResult bad = code_with_serial(cloud, "<script>");
    CHECK(bad.status == 400);
    CHECK(field(bad, "error") == "invalid_request");
}

TEST_CASE("admin: a restricted account is refused at the page and in the app until it is lifted", "[http][admin]") {
    CloudProcess cloud;
    REQUIRE(admin(cloud, "accounts", {"id=kid", "password=lego"}).status == 201);
    const HttpResult restricted = admin(cloud, "accounts/restrict", {"account=kid", "restricted=true"});
    CHECK(restricted.status == 200);
    CHECK(restricted.body == R"({"account":"kid","restricted":true})");

    const HttpResult code = code_with_serial(cloud, "RS1");
    const std::string user_code = field(code, "user_code");
    const HttpResult page = page_sign_in(cloud, user_code, "kid@example.com", "lego");
    CHECK(page.status == 403);
    CHECK_THAT(page.body, Catch::Contains("may not link devices"));
    const HttpResult app = admin(cloud, "approve", {"user_code=" + user_code, "account=kid"});
    CHECK(app.status == 409);
    CHECK(field(app, "result") == "restricted");
    const HttpResult journal = admin(cloud, "journal?endpoint=verification", {});
    CHECK_THAT(journal.body, Catch::Contains("\"error\":\"access_denied\""));

    CHECK(admin(cloud, "accounts/restrict", {"account=kid", "restricted=false"}).status == 200);
    CHECK(page_sign_in(cloud, user_code, "kid@example.com", "lego").status == 200);

    CHECK(admin(cloud, "accounts/restrict", {"account=nobody", "restricted=true"}).status == 404);
    CHECK(admin(cloud, "accounts/restrict", {"account=kid", "restricted=yes"}).status == 400);
    CHECK(admin(cloud, "accounts/restrict", {"account=kid"}).status == 400);
    CHECK(admin(cloud, "accounts/restrict", {"restricted=true"}).status == 400);
}

TEST_CASE("admin: a voice code is 4 digits or empty (purchasing off), for a known account", "[http][admin]") {
    CloudProcess cloud;
    const HttpResult set = admin(cloud, "accounts/voice_code", {"account=demo", "voice_code=4711"});
    CHECK(set.status == 200);
    CHECK(set.body == R"({"account":"demo","voice_purchasing":true})");  // the code is never echoed
    const HttpResult off = admin(cloud, "accounts/voice_code", {"account=demo", "voice_code="});
    CHECK(off.status == 200);
    CHECK(off.body == R"({"account":"demo","voice_purchasing":false})");
    for (const char* bad : {"voice_code=471", "voice_code=47111", "voice_code=47a1"}) {
        INFO(bad);
        const HttpResult r = admin(cloud, "accounts/voice_code", {"account=demo", bad});
        CHECK(r.status == 400);
        CHECK(field(r, "error") == "invalid_request");
    }
    CHECK(admin(cloud, "accounts/voice_code", {"account=demo"}).status == 400);
    CHECK(admin(cloud, "accounts/voice_code", {"account=demo", "voice_code=1", "voice_code=2"}).status == 400);
    CHECK(admin(cloud, "accounts/voice_code", {"account=nobody", "voice_code=1234"}).status == 404);
}

TEST_CASE("a tenant made from JSON keeps client names (escaped on the page) and restricted accounts", "[http][admin][tenants]") {
    CloudProcess cloud;
    cloud::CloudConfig config;
    cloud::Account kid{"kid", "kid@example.com", "lego"};
    kid.restricted = true;
    config.accounts.push_back(kid);
    config.clients.push_back(cloud::Client{"kitchen-display", true, false, "Kim's <kitchen> display"});
    const HttpResult made = curl({"-H", "Authorization: Bearer " + cloud.admin_token(), "-H",
                                  "Content-Type: application/json", "--data-binary", cloud::encode_cloud_config(config),
                                  cloud.issuer() + "/admin/tenants"});
    REQUIRE(made.status == 201);
    const std::string base = field(made, "base");

    const HttpResult code = code_with_serial(cloud, "KD-7", base, "kitchen-display");
    REQUIRE(code.status == 200);
    const std::string user_code = field(code, "user_code");
    const HttpResult page = curl({cloud.issuer() + base + "/device?user_code=" + user_code});
    CHECK_THAT(page.body, Catch::Contains("Kim&#39;s &lt;kitchen&gt; display"));
    CHECK_THAT(page.body, Catch::Contains("KD-7"));
    CHECK(page_sign_in(cloud, user_code, "kid@example.com", "lego", base).status == 403);
    CHECK(page_sign_in(cloud, user_code, "demo@example.com", "demo", base).status == 200);
}
