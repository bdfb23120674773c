// Done-when 3 of issue 15 (errors): a capture the importer cannot use gets a clear error
// naming the file and what was expected (line:column for JSON), exit 2, and no crash or hang
// — whatever the input: not JSON, truncated, not a HAR, wrong types, nothing of the speaker,
// huge, nested without end, binary.
#include <catch2/catch.hpp>

#include <filesystem>

#include "cloud_server/child.hpp"
#include "har_import/har_test_support.hpp"

using namespace ringside::test;

namespace {

// A tiny valid HAR with one token poll, as text to break in places.
const std::string kGood = R"({"log": {"version": "1.2", "entries": [
  {"startedDateTime": "2026-03-02T09:00:05.000Z",
   "request": {"method": "POST", "url": "https://login.example.net/oauth2/token", "headers": [],
               "postData": {"mimeType": "application/x-www-form-urlencoded",
                            "text": "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=abcdefgh"}},
   "response": {"status": 400, "headers": [], "content": {"mimeType": "application/json",
                "text": "{\"error\":\"authorization_pending\"}"}},
   "timings": {"wait": 30}}]}})";

CliResult import_text(const std::string& name, const std::string& text, std::string& path) {
    path = scratch_dir("malformed-" + name) + "/" + name + ".har";
    write_text(path, text);
    return run_cli({"import", "har", path}, {}, std::chrono::seconds(30));
}

void refused(const std::string& name, const std::string& text, const std::string& expected) {
    std::string path;
    const CliResult r = import_text(name, text, path);
    INFO(name << ": " << r.output);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::StartsWith("error: " + path));
    CHECK_THAT(r.output, Catch::Contains(expected));
    CHECK(r.output.find("terminate") == std::string::npos);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("the good capture the malformed ones are made from imports", "[har]") {
    std::string path;
    const CliResult r = import_text("good", kGood, path);
    INFO(r.output);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.output, Catch::Contains("status: 400"));
}

TEST_CASE("a capture that is not JSON is refused at its line and column", "[har]") {
    // Column 8: the first byte that cannot be JSON ("no" may still begin null).
    refused("not_json", "{\"log\":\n  {\"entries\":\n    [ nope ]}}", ":3:8: not valid JSON; expected a HAR 1.2 capture");
    refused("empty", "", ":1:1: the file ends before its JSON does (truncated?)");
    refused("binary", std::string("\x89PNG\r\n\x1a\n\0\0\0", 11), ":1:1: not valid JSON");
}

TEST_CASE("a truncated capture is refused as such", "[har]") {
    refused("truncated", kGood.substr(0, kGood.size() / 2), "the file ends before its JSON does (truncated?)");
}

TEST_CASE("JSON that is not a HAR is refused naming what is missing", "[har]") {
    refused("array", "[1, 2, 3]", "the top level: found an array; expected a HAR 1.2 capture");
    refused("no_log", "{\"entries\": []}", ": log: missing; expected a HAR 1.2 capture");
    refused("no_entries", "{\"log\": {\"version\": \"1.2\"}}", ": log.entries: missing; expected an array of HAR entries");
    refused("entries_object", "{\"log\": {\"entries\": {}}}", ": log.entries: expected an array of HAR entries, found an object");
}

TEST_CASE("a member of the wrong type is refused by its path", "[har]") {
    refused("string_status", replaced(kGood, "\"status\": 400", "\"status\": \"400\""),
            ": log.entries[0].response.status: expected a number (the HTTP status), found a string");
    refused("number_url", replaced(kGood, "\"url\": \"https://login.example.net/oauth2/token\"", "\"url\": 7"),
            ": log.entries[0].request.url: expected a string, found a number");
    refused("bad_date", replaced(kGood, "2026-03-02T09:00:05.000Z", "yesterday"),
            ": log.entries[0].startedDateTime: expected an ISO 8601 date-time");
    refused("fraction_status", replaced(kGood, "\"status\": 400", "\"status\": 400.5"),
            ": log.entries[0].response.status: expected a whole number from 0 to 999");
    refused("huge_number", replaced(kGood, "\"wait\": 30", "\"wait\": 1e400"), ": a JSON number too large to read; expected a HAR");
    refused("endless_wait", replaced(kGood, "\"wait\": 30", "\"wait\": 1e300"),
            ": log.entries[0].timings.wait: expected milliseconds up to a day (86400000), or -1");
    refused("headers_string", replaced(kGood, "\"headers\": []", "\"headers\": \"none\""),
            ": log.entries[0].request.headers: expected an array of {name, value}, found a string");
}

TEST_CASE("a capture without the speaker's exchanges is refused saying what it looked for", "[har]") {
    refused("browser_only", replaced(kGood, "/oauth2/token", "/index.html"),
            "no device-side exchange among its 1 entries; expected POSTs to /oauth2/device_authorization");
    refused("no_entries_at_all", "{\"log\": {\"entries\": []}}", "no device-side exchange among its 0 entries");
}

TEST_CASE("a huge or endlessly nested capture is refused without exhausting memory or the stack", "[har]") {
    // Sparse: 65 MiB of nothing costs no disk.
    const std::string huge = scratch_dir("malformed-huge") + "/huge.har";
    write_text(huge, "{");
    std::filesystem::resize_file(huge, (65u << 20));
    const CliResult r = run_cli({"import", "har", huge}, {}, std::chrono::seconds(30));
    INFO(r.output);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("error: " + huge + ": 65 MiB is more than a capture may have (64 MiB)"));

    refused("deep", std::string(200000, '['), "JSON nested more than 64 levels deep");
}

TEST_CASE("import usage errors and help", "[har]") {
    const CliResult help = run_cli({"import", "--help"});
    CHECK(help.exit_code == 0);
    CHECK_THAT(help.output, Catch::StartsWith("usage: ringside import har FILE [--out SCENARIO]"));
    CHECK(run_cli({"import", "har", "-h"}).exit_code == 0);
    const CliResult none = run_cli({"import"});
    CHECK(none.exit_code == 2);
    CHECK_THAT(none.output, Catch::Contains("see 'ringside import har --help'"));
    CHECK(run_cli({"import", "har"}).exit_code == 2);
    CHECK(run_cli({"import", "pcap", "x"}).exit_code == 2);
    const CliResult missing = run_cli({"import", "har", "/nonexistent/capture.har"});
    CHECK(missing.exit_code == 2);
    CHECK_THAT(missing.output, Catch::Contains("error: /nonexistent/capture.har: cannot read it"));
    CHECK_THAT(run_cli({"--help"}).output, Catch::Contains("\n  import har "));
}
