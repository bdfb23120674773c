// Secrets stay out of everything a run shows: for each scenario of the suite (and one that
// fails after typing a Wi-Fi password), every secret its world used — tokens, device and
// user codes, passwords, as run_scenario lists them — is looked for in the console output,
// the HTML report's section, the JUnit XML and the three --trace files.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "runner/child_process.hpp"
#include "runner/scenario_executor.hpp"
#include "runner/scenario_loader.hpp"

using namespace ringside::test;
namespace fs = std::filesystem;

namespace {

const char* const kFailing = "tests/data/secrets/provision_with_password_then_fail.yaml";

std::vector<std::string> suite_files() {
    std::vector<std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(fs::path(RINGSIDE_SOURCE_DIR) / "scenarios"))
        if (e.path().extension() == ".yaml") files.push_back(fs::relative(e.path(), RINGSIDE_SOURCE_DIR).string());
    std::sort(files.begin(), files.end());
    files.push_back(kFailing);
    return files;
}

void check_free_of(const std::string& what, const std::string& text, const std::set<std::string>& secrets) {
    for (const std::string& s : secrets) {
        INFO(what << " holds the secret '" << s << "'");
        CHECK(text.find(s) == std::string::npos);
    }
}

} // namespace

TEST_CASE("no secret a run used shows in its console output, HTML, JUnit or trace files", "[reports]") {
    std::map<std::string, std::set<std::string>> secrets;  // scenario file -> its secrets
    std::size_t total = 0;
    for (const std::string& file : suite_files()) {
        const auto scenario = ringside::runner::load_scenario((fs::path(RINGSIDE_SOURCE_DIR) / file).string());
        secrets[file] = ringside::runner::run_scenario(scenario, scenario.seed).secrets;
        total += secrets[file].size();
    }
    REQUIRE(total > 100);  // tokens, codes and passwords of 65 sign-ins: there is something to hide
    REQUIRE(secrets[kFailing].count("hunter22"));

    const fs::path out = fs::temp_directory_path() / "ringside-report-secrets-test";
    fs::remove_all(out);
    const auto r = run_ringside("run scenarios " + std::string(kFailing) + " --html " + (out / "report.html").string() +
                                " --junit " + (out / "junit.xml").string() + " --trace " + (out / "trace").string());
    REQUIRE(r.exit_code == 1);
    check_free_of("the console output", r.output, secrets[kFailing]);
    const std::string junit = read_file((out / "junit.xml").string());
    check_free_of("the JUnit XML", junit, secrets[kFailing]);
    CHECK_THAT(junit, Catch::Contains("repro: "));

    const std::string html = read_file((out / "report.html").string());
    std::size_t sections = 0;
    for (std::size_t at = html.find("<section id="); at != std::string::npos; ++sections) {
        const std::size_t next = html.find("<section id=", at + 1);
        const std::string section = html.substr(at, next == std::string::npos ? std::string::npos : next - at);
        const auto file = std::find_if(secrets.begin(), secrets.end(),
                                       [&](const auto& f) { return section.find(">" + f.first + " · seed") != std::string::npos; });
        REQUIRE(file != secrets.end());
        check_free_of("the HTML section of " + file->first, section, file->second);
        at = next;
    }
    CHECK(sections == secrets.size());
    // The step that typed it is still there, with the password blacked out.
    CHECK_THAT(html, Catch::Contains("app.provision: {wifi: Home, account: jane, password: [redacted]}"));

    for (const auto& [file, its] : secrets) {
        const std::string stem = fs::path(file).stem().string();
        for (const char* ext : {".jsonl", ".vcd", ".trace.json"})
            check_free_of(stem + ext, read_file((out / "trace" / (stem + ext)).string()), its);
    }
    fs::remove_all(out);
}
