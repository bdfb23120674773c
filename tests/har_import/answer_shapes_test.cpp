// How each kind of captured answer is written: the Date header's skew, Retry-After as an HTTP
// date, no answer at all, a base64 body, an error at the metadata endpoint, a secret in a
// query string quoted back in a body. And every import holds to the scenario schema.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "cloud_server/child.hpp"
#include "har_import/har_test_support.hpp"

using namespace ringside::test;

namespace {

std::string entry(const std::string& started, const std::string& method, const std::string& url, const std::string& form,
                  int status, const std::string& response_headers, const std::string& content) {
    return R"({"startedDateTime": ")" + started + R"(", "request": {"method": ")" + method + R"(", "url": ")" + url +
           R"(", "headers": [], "postData": {"mimeType": "application/x-www-form-urlencoded", "text": ")" + form +
           R"("}}, "response": {"status": )" + std::to_string(status) + R"(, "headers": [)" + response_headers +
           R"(], "content": )" + content + R"(}, "timings": {"wait": 15}})";
}

const std::string kPoll = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=dc-secret-4711";

std::string shapes_capture() {
    const std::string base = "https://id.example.org";
    return R"({"log": {"version": "1.2", "entries": [)" +
           entry("2026-05-01T10:00:00.000+02:00", "GET", base + "/.well-known/oauth-authorization-server", "", 503, "",
                 R"({"mimeType": "text/plain", "text": "maintenance"})") + ",\n" +
           // The server's clock is 1000 days behind (its Date), the capture's is right.
           entry("2026-05-01T08:00:01.000Z", "POST", base + "/oauth2/device_authorization", "client_id=ringside-speaker", 200,
                 R"({"name": "Date", "value": "Sat, 05 Aug 2023 08:00:01 GMT"})",
                 R"({"mimeType": "application/json", "text": "{\"device_code\":\"dc-secret-4711\",\"user_code\":\"QWRT-ZXCV\",\"interval\":5}"})") + ",\n" +
           // Retry-After as an HTTP date: two minutes after the answer's Date.
           entry("2026-05-01T08:00:06.000Z", "POST", base + "/oauth2/token", kPoll, 429,
                 R"({"name": "Date", "value": "Fri, 01 May 2026 08:00:06 GMT"}, {"name": "Retry-After", "value": "Fri, 01 May 2026 08:02:06 GMT"})",
                 R"({"mimeType": "application/json", "text": "{\"error\":\"slow_down\"}"})") + ",\n" +
           // No answer at all.
           entry("2026-05-01T08:02:10.000Z", "POST", base + "/oauth2/token", kPoll, 0, "", R"({"mimeType": "", "size": 0})") + ",\n" +
           // A body the capture tool kept as base64: {"error":"authorization_pending"}.
           entry("2026-05-01T08:02:20.000Z", "POST", base + "/oauth2/token", kPoll, 400, "",
                 R"({"mimeType": "application/json", "encoding": "base64", "text": "eyJlcnJvciI6ImF1dGhvcml6YXRpb25fcGVuZGluZyJ9"})") + ",\n" +
           // A status no server sends, and a Content-Type with a line break and a Retry-After of years.
           entry("2026-05-01T08:02:25.000Z", "POST", base + "/oauth2/token", kPoll, 999, "",
                 R"({"mimeType": "text/plain", "text": "?"})") + ",\n" +
           entry("2026-05-01T08:02:27.000Z", "POST", base + "/oauth2/token", kPoll, 503,
                 R"({"name": "Retry-After", "value": "99999999999"})",
                 R"({"mimeType": "text/plain\r\nX-Injected: 1", "text": "busy"})") + ",\n" +
           // A secret in a query string, quoted back by the error page.
           // Its path has a line break (JSON "\\n"): the comment naming it stays one line.
           entry("2026-05-01T08:02:30.000Z", "POST", base + "/tenants/a\\nb/oauth2/token?code=query-secret-8842", kPoll, 500, "",
                 R"({"mimeType": "text/html", "text": "<p>failed for query-secret-8842 and dc-secret-4711</p>"})") +
           "]}}";
}

} // namespace

TEST_CASE("each kind of captured answer becomes the fault that gives it", "[har]") {
    const std::string dir = scratch_dir("shapes");
    write_text(dir + "/shapes.har", shapes_capture());
    const CliResult r = run_cli({"import", "har", dir + "/shapes.har"});
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.output, Catch::Contains("cloud.fault: { endpoint: metadata, after: 0, count: 1, status: 503, raw_body: \"maintenance\", content_type: \"text/plain\", delay: 15ms }"));
    CHECK_THAT(r.output, Catch::Contains("date_skew: \"-1000d\""));
    CHECK_THAT(r.output, Catch::Contains("omit: [verification_uri, verification_uri_complete, expires_in], set: { \"interval\": 5 }"));
    CHECK_THAT(r.output, Catch::Contains("status: 429, raw_body: \"{\\\"error\\\":\\\"slow_down\\\"}\", content_type: \"application/json\", retry_after: 2m"));
    CHECK_THAT(r.output, Catch::Contains("grant: device_code, after: 1, count: 1, break: reset"));
    CHECK_THAT(r.output, Catch::Contains("after: 2, count: 1, status: 400, raw_body: \"{\\\"error\\\":\\\"authorization_pending\\\"}\""));
    CHECK_THAT(r.output, Catch::Contains("grant: device_code, after: 3, count: 1, break: reset"));
    CHECK_THAT(r.output, Catch::Contains("status: 503, raw_body: \"busy\", content_type: \"text/plainX-Injected: 1\", retry_after: 1d,"));
    CHECK_THAT(r.output, Catch::Matches(R"([\s\S]*raw_body: "<p>failed for stand-in-\d+ and stand-in-\d+</p>"[\s\S]*)"));
    CHECK_THAT(r.output, Catch::Contains("# entry 7 at +2m30s: POST /tenants/ab/oauth2/token 500\n"));
    for (const char* secret : {"query-secret-8842", "dc-secret-4711", "QWRT-ZXCV"}) {
        INFO(secret);
        CHECK(r.output.find(secret) == std::string::npos);
    }
    // No approving poll: nobody approves.
    CHECK(r.output.find("user.approve") == std::string::npos);
}

TEST_CASE("every import holds to the scenario schema", "[har][schema]") {
    const std::string dir = scratch_dir("schema");
    write_text(dir + "/shapes.har", shapes_capture());
    REQUIRE(run_cli({"import", "har", dir + "/shapes.har", "--out", dir + "/shapes.yaml"}).exit_code == 0);
    for (const char* capture : {"token_poll_429_storm", "malformed_token_answers", "secret_bearing"})
        REQUIRE(run_cli({"import", "har", std::string("tests/data/har/") + capture + ".har", "--out",
                         dir + "/" + capture + ".yaml"}).exit_code == 0);
    // Debian's python3 with python3-jsonschema, as the schema suite runs it.
    const std::string source = RINGSIDE_SOURCE_DIR;
    const std::string command = "/usr/bin/python3 " + source + "/tests/schema/validate_scenarios.py " + source +
                                "/schema/scenario.schema.json " + dir + " > " + dir + "/schema.log 2>&1";
    const int status = std::system(command.c_str());
    INFO(read_text(dir + "/schema.log"));
    CHECK(status == 0);
    CHECK_THAT(read_text(dir + "/schema.log"), Catch::Contains("4 file(s) checked, 0 broke the schema"));
}
