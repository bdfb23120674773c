// No secret the suite used — access token, refresh token, device code, user code, Wi-Fi
// password, account password, one-time code — appears in any trace line, spoken sentence,
// cloud journal entry, or the console output, JUnit, HTML and trace report files of a run of
// every scenario (and of one that fails after the app typed a Wi-Fi password: the step log
// and the failure show the steps' own text, which the runner redacts).
// The secrets come from the world's test face (what really crossed the wire and what the
// world was given), not from guesses. Runs are deterministic, so the CLI run below uses the
// same secrets as the in-process plays.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "suite_files.hpp"
#include "child_process.hpp"
#include "reports/redaction.hpp"
#include "runner/scenario_loader.hpp"
#include "sim/virtual_speaker.hpp"

using namespace ringside;
namespace fs = std::filesystem;

namespace {

const char* const kTypesAPassword = "tests/data/secrets/provision_with_password_then_fail.yaml";

std::vector<std::string> scenario_files() {
    std::vector<std::string> files = test::everyday_suite_files();
    files.push_back(std::string(RINGSIDE_SOURCE_DIR) + "/" + kTypesAPassword);
    return files;
}

struct Leak {
    std::string where;
    std::string text;
};

// The first secret `text` contains, or empty.
std::string leaked(const std::set<std::string>& secrets, const std::string& text) {
    for (const std::string& s : secrets)
        if (text.find(s) != std::string::npos) return s;
    return {};
}

} // namespace

TEST_CASE("no secret appears in any trace, sentence, journal entry or report of the suite", "[secrets]") {
    std::set<std::string> all_secrets;
    std::set<std::string> kinds_seen;  // proves the witness saw the kinds of secret it should
    for (const std::string& file : scenario_files()) {
        INFO("scenario " << file);
        const runner::Scenario scenario = runner::load_scenario(file);
        sim::VirtualSpeaker world(scenario.world);
        for (const runner::Step& step : scenario.steps)
            if (!step.play(world).empty()) break;  // a failing scenario still must not leak
        // A password equal to a public name (the built-in account "demo" has password
        // "demo") cannot be told from that name in a trace: it is left out.
        std::set<std::string> secrets = world.secrets_used();
        for (const cloud::Account& a : world.cloud().config().accounts) {
            secrets.erase(a.id);
            secrets.erase(a.email);
        }
        for (const sim::WifiNetwork& n : scenario.world.networks) secrets.erase(n.ssid);
        all_secrets.insert(secrets.begin(), secrets.end());
        for (const std::string& s : secrets) {
            if (s.rfind("Atza|", 0) == 0 || s.rfind("rs_at.", 0) == 0) kinds_seen.insert("access");
            if (s.rfind("Atzr|", 0) == 0 || s.rfind("rs_rt.", 0) == 0) kinds_seen.insert("refresh");
            if (s.size() == 9 && s[4] == '-') kinds_seen.insert("user_code");
        }
        for (const sim::TraceLine& line : world.trace()) {
            INFO("trace " << line.category << " " << line.event << " " << line.detail);
            CHECK(leaked(secrets, line.category + " " + line.event + " " + line.detail).empty());
        }
        for (const sim::SpokenSentence& sentence : world.spoken()) {
            INFO("said " << sentence.text);
            CHECK(leaked(secrets, sentence.text).empty());
        }
        for (const cloud::JournalEntry& e : world.cloud().journal()) {
            const std::string text =
                e.method + " " + e.path + " " + e.endpoint + " " + e.grant_type + " " + e.client_id + " " + e.error;
            INFO("journal " << text);
            CHECK(leaked(secrets, text).empty());
        }
    }
    // The witness really saw tokens and codes (else this test would pass vacuously).
    CHECK(all_secrets.size() > 20);
    CHECK(kinds_seen.count("user_code") == 1);
    CHECK(kinds_seen.count("access") == 1);
    CHECK(kinds_seen.count("refresh") == 1);

    const fs::path out = fs::temp_directory_path() / ("ringside_no_secrets_" + std::to_string(::getpid()));
    fs::remove_all(out);
    fs::create_directories(out);
    const auto run = test::run_ringside("run scenarios " + std::string(test::kSkipHerd) + " " + std::string(kTypesAPassword) + " --junit " +
                                        (out / "junit.xml").string() + " --html " + (out / "report.html").string() +
                                        " --trace " + (out / "traces").string());
    INFO(run.output);
    CHECK(run.exit_code == 1);  // the one that fails on purpose
    // The step that typed the password is still in the report, the password blacked out.
    CHECK_THAT(test::read_file((out / "report.html").string()),
               Catch::Contains("app.provision: {wifi: Home, account: jane, password: [redacted]}"));
    CHECK(leaked(all_secrets, run.output).empty());
    int reports = 0;
    for (const auto& e : fs::recursive_directory_iterator(out)) {
        if (!e.is_regular_file()) continue;
        ++reports;
        const std::string text = test::read_file(e.path().string());
        INFO("report " << e.path().string());
        CHECK(leaked(all_secrets, text).empty());
    }
    CHECK(reports > 1);
    fs::remove_all(out);
}

TEST_CASE("a voice purchase code said aloud is redacted as a word in the console and every report", "[secrets]") {
    const char* const kPurchase = "scenarios/voice/voice_purchase_code_lock_and_limit.yaml";
    const runner::Scenario scenario = runner::load_scenario(std::string(RINGSIDE_SOURCE_DIR) + "/" + kPurchase);
    std::string code;
    for (const cloud::Account& a : scenario.world.cloud.accounts)
        if (!a.voice.voice_code.empty()) code = a.voice.voice_code;
    REQUIRE(code.size() == 4);
    const std::regex as_word("(^|[^0-9A-Za-z])" + code + "($|[^0-9A-Za-z])");

    const fs::path out = fs::temp_directory_path() / ("ringside_voice_code_" + std::to_string(::getpid()));
    fs::remove_all(out);
    const auto run = test::run_ringside(std::string("run ") + kPurchase + " --junit " + (out / "junit.xml").string() +
                                        " --html " + (out / "report.html").string() + " --trace " +
                                        (out / "traces").string());
    INFO(run.output);
    CHECK(run.exit_code == 0);
    CHECK_FALSE(std::regex_search(run.output, as_word));
    int reports = 0;
    for (const auto& e : fs::recursive_directory_iterator(out)) {
        if (!e.is_regular_file()) continue;
        ++reports;
        INFO("report " << e.path().string());
        CHECK_FALSE(std::regex_search(test::read_file(e.path().string()), as_word));
    }
    CHECK(reports >= 5);  // junit, html, and the trace's jsonl, vcd and trace.json
    const std::string html = test::read_file((out / "report.html").string());
    // The step that said it is still there, the code blacked out; a wrong code is no secret.
    CHECK_THAT(html, Catch::Contains("say: [redacted]") || Catch::Contains("say: &quot;[redacted]&quot;"));
    CHECK_THAT(html, Catch::Contains("1234"));
    fs::remove_all(out);
}

TEST_CASE("a spoken code is redacted only where it stands as a word", "[secrets]") {
    const reports::Redaction redact({"Atza|token-value"}, {"4711"});
    CHECK(redact("at 00:00:04.711 said 4711, then \"4711\"") == "at 00:00:04.711 said [redacted], then \"[redacted]\"");
    CHECK(redact("seq 14711 and 47110 and x4711") == "seq 14711 and 47110 and x4711");
    CHECK(redact("Bearer Atza|token-value") == "Bearer [redacted]");
}
