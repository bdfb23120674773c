// Done-when 1 of issue 15: a HAR of a real sign-in, recorded by a proxy between
// `ringside run --cloud URL` and a real `ringside cloud`, imports into a scenario that,
// played in process, makes the speaker do what it did in the recorded run: the same states,
// the same requests and answers, the same response times; and no code or token of the
// capture, nor the admin token it carries, is in the scenario or the import's output.
#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "cloud/oauth/form_codec.hpp"
#include "cloud_server/child.hpp"
#include "har_import/har_test_support.hpp"
#include "har_import/recording_proxy.hpp"

using namespace ringside;
using namespace ringside::test;

namespace {

// Each exchange's time from request to answer, in order.
std::vector<long long> answer_times(const std::vector<std::string>& timed_http) {
    std::vector<long long> out;
    long long asked = -1;
    for (const std::string& line : timed_http) {
        const long long t = std::stoll(line.substr(0, line.find(' ')));
        if (line.find(" http request ") != std::string::npos) asked = t;
        else if (line.find(" http response ") != std::string::npos && asked >= 0) out.push_back(t - asked);
    }
    return out;
}

// The codes and tokens the capture carries: what the cloud issued, what the speaker sent.
std::set<std::string> capture_secrets(const std::string& har_text) {
    std::set<std::string> out;
    const auto har = nlohmann::json::parse(har_text);
    for (const auto& entry : har["log"]["entries"]) {
        const auto body = nlohmann::json::parse(entry["response"]["content"].value("text", ""), nullptr, false);
        if (body.is_object())
            for (const char* m : {"device_code", "user_code", "access_token", "refresh_token"})
                if (body.contains(m)) out.insert(body[m].get<std::string>());
        if (entry["request"].contains("postData"))
            if (auto form = cloud::parse_form(entry["request"]["postData"].value("text", "")))
                for (const char* m : {"device_code", "refresh_token", "token"})
                    if (auto v = form->get(m)) out.insert(*v);
    }
    return out;
}

// Records `recorded` (a scenario file) through the proxy, imports the capture, plays the
// import in process; checks that it does what the recorded run did and leaks nothing.
struct Recorded {
    std::vector<std::string> before;  // the recorded run's device, auth and http records
    std::string scenario;             // the import
};

Recorded record_import_replay(const std::string& recorded, const std::string& name) {
    CloudProcess cloud;
    RecordingProxy proxy(cloud.issuer());
    const std::string dir = scratch_dir(name);
    const CliResult original = run_cli({"run", recorded, "--cloud", proxy.url(), "--trace", dir + "/original"},
                                       {"RINGSIDE_CLOUD_TOKEN=" + cloud.admin_token()});
    INFO(original.output);
    REQUIRE(original.exit_code == 0);
    const std::string har = proxy.har();
    write_text(dir + "/capture.har", har);

    const CliResult imported = run_cli({"import", "har", dir + "/capture.har", "--out", dir + "/imported.yaml"});
    INFO(imported.output);
    REQUIRE(imported.exit_code == 0);
    const std::string scenario = read_text(dir + "/imported.yaml");
    INFO(scenario);

    // None of the capture's codes and tokens, nor the admin token of its admin calls.
    std::set<std::string> secrets = capture_secrets(har);
    secrets.insert(cloud.admin_token());
    CHECK(secrets.size() > 6);
    for (const std::string& s : secrets) {
        INFO("secret " << s);
        CHECK(scenario.find(s) == std::string::npos);
        CHECK(imported.output.find(s) == std::string::npos);
    }

    const CliResult replay = run_cli({"run", dir + "/imported.yaml", "--trace", dir + "/replay"});
    INFO(replay.output);
    REQUIRE(replay.exit_code == 0);

    // The import plays on a while after the capture's end: the recorded run is its beginning.
    const std::vector<std::string> kinds = {"device", "auth", "http"};
    const auto before = trace_sequence(dir + "/original", kinds);
    const auto after = trace_sequence(dir + "/replay", kinds);
    REQUIRE(after.size() >= before.size());
    CHECK(std::vector<std::string>(after.begin(), after.begin() + before.size()) == before);
    // Timing: every answer took as long (the 2 s slow refresh among them), and the speaker
    // waited as long between requests (the slow_down's 5 s more, the 503's Retry-After 20 s).
    const auto times_before = answer_times(timed_trace(dir + "/original", {"http"}));
    const auto times_after = answer_times(timed_trace(dir + "/replay", {"http"}));
    REQUIRE(times_after.size() >= times_before.size());
    CHECK(std::vector<long long>(times_after.begin(), times_after.begin() + times_before.size()) == times_before);
    // One answer was held back by a delay fault (over a second: beyond any link latency).
    CHECK(*std::max_element(times_before.begin(), times_before.end()) > 1000);

    return {before, scenario};
}

} // namespace

TEST_CASE("a sign-in recorded from ringside cloud imports into a scenario that does the same", "[har][cloud]") {
    const Recorded r = record_import_replay("tests/data/har/recorded_sign_in.yaml", "recorded");
    const auto& before = r.before;
    CHECK(r.scenario.find("dialect") == std::string::npos);
    // The recorded run had what a field capture shows, so the comparison covers it.
    const auto has = [&](const std::string& text) {
        return std::find(before.begin(), before.end(), text) != before.end();
    };
    CHECK(has("http response 400 slow_down"));
    CHECK(has("http response 503"));
    CHECK(has("http request POST /oauth2/revoke refresh_token"));
    CHECK(has("auth state linked"));
}

TEST_CASE("a Login with Amazon sign-in recorded from ringside cloud imports into a scenario that does the same", "[har][cloud]") {
    const Recorded r = record_import_replay("tests/data/har/recorded_lwa_sign_in.yaml", "recorded-lwa");
    const auto& before = r.before;
    CHECK_THAT(r.scenario, Catch::Contains("cloud: { dialect: lwa }"));
    const auto has = [&](const std::string& text) {
        return std::find(before.begin(), before.end(), text) != before.end();
    };
    CHECK(has("http request POST /auth/O2/create/codepair"));
    CHECK(has("http response 503"));
    CHECK(has("http request POST /auth/O2/token refresh_token"));
    CHECK(has("auth state linked"));
}
