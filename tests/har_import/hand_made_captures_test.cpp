// Done-when 2 of issue 15: hand-made captures of field failures (tests/data/har/) import
// into scenarios whose playback shows what this firmware does against that cloud.
#include <catch2/catch.hpp>

#include <algorithm>

#include "cloud_server/child.hpp"
#include "har_import/har_test_support.hpp"

using namespace ringside::test;

namespace {

struct Played {
    std::string scenario;
    std::vector<std::string> timed;  // "t_ms category event detail" of device, auth, http and log records
};

Played import_and_play(const std::string& capture, const std::string& name) {
    const std::string dir = scratch_dir(name);
    const CliResult imported = run_cli({"import", "har", "tests/data/har/" + capture, "--out", dir + "/s.yaml"});
    INFO(imported.output);
    REQUIRE(imported.exit_code == 0);
    const CliResult run = run_cli({"run", dir + "/s.yaml", "--trace", dir + "/trace"});
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    return {read_text(dir + "/s.yaml"), timed_trace(dir + "/trace", {"device", "auth", "http", "log"})};
}

long long time_of(const std::string& line) { return std::stoll(line.substr(0, line.find(' '))); }

bool ends_with(const std::string& line, const std::string& tail) {
    return line.size() >= tail.size() && line.compare(line.size() - tail.size(), tail.size(), tail) == 0;
}

} // namespace

TEST_CASE("a 429 storm with Retry-After on token polls plays: the speaker waits each Retry-After then links", "[har]") {
    const Played p = import_and_play("token_poll_429_storm.har", "storm");
    INFO(p.scenario);
    // Five captured 429s with Retry-After 30, each answered in turn by a fault.
    for (int after = 0; after < 5; ++after)
        CHECK_THAT(p.scenario, Catch::Contains("grant: device_code, after: " + std::to_string(after) +
                                               ", count: 1, status: 429, raw_body: "));
    CHECK_THAT(p.scenario, Catch::Contains("retry_after: 30s"));

    std::vector<long long> answered_429, polls;
    for (const std::string& line : p.timed) {
        if (ends_with(line, "http request POST /oauth2/token device_code")) polls.push_back(time_of(line));
        if (ends_with(line, "http response 429")) answered_429.push_back(time_of(line));
    }
    REQUIRE(answered_429.size() == 5);
    REQUIRE(polls.size() >= 6);
    // The poll after each 429 comes no sooner than its Retry-After (30 s, above the 5 s interval).
    for (std::size_t i = 0; i < answered_429.size(); ++i) {
        INFO("429 number " << i + 1);
        const auto next = std::upper_bound(polls.begin(), polls.end(), answered_429[i]);
        REQUIRE(next != polls.end());
        CHECK(*next - answered_429[i] >= 30000);
    }
    // Then the captured 200: linked.
    const auto linked = std::find_if(p.timed.begin(), p.timed.end(), [](const std::string& l) { return ends_with(l, "auth state linked"); });
    REQUIRE(linked != p.timed.end());
    CHECK(time_of(*linked) >= answered_429.back() + 30000);
}

TEST_CASE("malformed token answers play: an HTML page and a string expires_in are refused and the speaker does not link", "[har]") {
    const Played p = import_and_play("malformed_token_answers.har", "malformed");
    INFO(p.scenario);
    CHECK_THAT(p.scenario, Catch::Contains("status: 200, raw_body: \"<html>"));
    CHECK_THAT(p.scenario, Catch::Contains("content_type: \"text/html; charset=utf-8\""));
    CHECK_THAT(p.scenario, Catch::Contains("set: { \"token_type\": \"Bearer\", \"expires_in\": \"3600\" }"));
    const auto has = [&](const std::string& tail) {
        return std::any_of(p.timed.begin(), p.timed.end(), [&](const std::string& l) { return ends_with(l, tail); });
    };
    CHECK(has("log warn token answer refused: not a JSON object"));
    CHECK(has("log warn token answer refused: expires_in is a string"));
    CHECK_FALSE(has("auth state linked"));
    // The code was spent by the refused answer: the speaker asks for a new code pair.
    CHECK(has("http response 400 invalid_grant"));
}

TEST_CASE("a capture whose first code lapsed and second was approved approves the second code", "[har]") {
    const std::string dir = scratch_dir("second-code");
    const CliResult imported = run_cli({"import", "har", "tests/data/har/second_code_approved.har", "--out", dir + "/s.yaml"});
    REQUIRE(imported.exit_code == 0);
    const std::string scenario = read_text(dir + "/s.yaml");
    INFO(scenario);
    CHECK_THAT(scenario, Catch::Contains("- expect_requests: { endpoint: device_authorization, at_least: 2, within: "));
    const CliResult run = run_cli({"run", dir + "/s.yaml", "--trace", dir + "/trace"});
    INFO(run.output);
    REQUIRE(run.exit_code == 0);
    const auto seen = trace_sequence(dir + "/trace", {"http", "user", "auth"});
    const auto find = [&](const std::string& text, std::vector<std::string>::const_iterator from) {
        return std::find(from, seen.end(), text);
    };
    // The first code: pending, then the captured expired_token; a second code pair; only then
    // the approval, and the captured 200 links.
    const auto expired = find("http response 400 expired_token", seen.begin());
    REQUIRE(expired != seen.end());
    const auto second_pair = find("http request POST /oauth2/device_authorization", expired);
    REQUIRE(second_pair != seen.end());
    const auto approved = find("user approve demo approved", second_pair);
    REQUIRE(approved != seen.end());
    CHECK(find("auth state linked", approved) != seen.end());
}
