// `ringside run --shard K/N` writes a JUnit and an HTML report per shard; `ringside report
// merge` of them must say what one unsharded run says, failures included.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "report_merge/merge_support.hpp"
#include "reports/merge/html_merge.hpp"
#include "reports/merge/junit_merge.hpp"

using namespace ringside;
using namespace std::chrono_literals;
using test::run_cli;

namespace {

// name, file, verdict ("passed", "failed", "skipped")
using Verdict = std::tuple<std::string, std::string, std::string>;

std::multiset<Verdict> junit_verdicts(const std::string& path) {
    std::multiset<Verdict> out;
    for (const reports::JUnitCase& c : reports::read_junit(reports::read_merge_input(path)))
        out.insert({c.name, c.classname, c.failed ? "failed" : !c.skipped.empty() ? "skipped" : "passed"});
    return out;
}

std::multiset<Verdict> html_verdicts(const std::string& path) {
    std::multiset<Verdict> out;
    for (const reports::ScenarioSection& s : reports::read_html_report(reports::read_merge_input(path)))
        out.insert({s.name, s.file, s.passed ? "passed" : "failed"});
    return out;
}

// The report's summary line as a person reads it: counts and total virtual time.
std::string html_summary(const std::string& path) {
    const std::string html = test::read_text(path);
    const auto begin = html.find("<p class=\"summary\">");
    REQUIRE(begin != std::string::npos);
    return html.substr(begin, html.find("</p>", begin) - begin);
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

// Runs `paths` whole and as two shards, each with both reports, into `dir`.
void run_whole_and_sharded(const test::ScratchDir& dir, const std::vector<std::string>& paths, int expected_exit_whole) {
    auto run = [&](const std::vector<std::string>& extra, const std::string& stem) {
        std::vector<std::string> args{"run"};
        args.insert(args.end(), paths.begin(), paths.end());
        args.insert(args.end(), extra.begin(), extra.end());
        for (const std::string& a : {std::string("--junit"), dir / (stem + ".xml"), std::string("--html"), dir / (stem + ".html")})
            args.push_back(a);
        return run_cli(args, {}, 60s);
    };
    const test::CliResult whole = run({}, "whole");
    INFO(whole.output);
    REQUIRE(whole.exit_code == expected_exit_whole);
    for (int k : {1, 2}) {
        const test::CliResult shard = run({"--shard", std::to_string(k) + "/2"}, "shard" + std::to_string(k));
        INFO(shard.output);
        REQUIRE((shard.exit_code == 0 || shard.exit_code == 1));
    }
}

} // namespace

TEST_CASE("report merge of two run shards equals one unsharded run", "[report_merge][shard]") {
    const test::ScratchDir dir("ringside-merge-run");
    run_whole_and_sharded(dir, {"scenarios/setup"}, 0);
    // Each shard ran some scenarios but not all: otherwise the merge proves nothing.
    const auto whole = junit_verdicts(dir / "whole.xml");
    REQUIRE(whole.size() >= 4);
    CHECK(!junit_verdicts(dir / "shard1.xml").empty());
    CHECK(junit_verdicts(dir / "shard1.xml").size() < whole.size());

    // Inputs in any order, told apart by content.
    const test::CliResult merged = run_cli({"report", "merge", "--out-junit", dir / "merged.xml", "--out-html", dir / "merged.html",
                                            dir / "shard2.html", dir / "shard1.xml", dir / "shard1.html", dir / "shard2.xml"},
                                           {}, 30s);
    INFO(merged.output);
    REQUIRE(merged.exit_code == 0);
    CHECK(merged.output.find("merged: nothing failed") != std::string::npos);
    CHECK(junit_verdicts(dir / "merged.xml") == whole);
    CHECK(html_verdicts(dir / "merged.html") == html_verdicts(dir / "whole.html"));
    CHECK(html_summary(dir / "merged.html") == html_summary(dir / "whole.html"));

    // The totals are counted again, not copied from one shard.
    const std::string xml = test::read_text(dir / "merged.xml");
    CHECK(xml.find("<testsuites tests=\"" + std::to_string(whole.size()) + "\" failures=\"0\"") != std::string::npos);
    // Every scenario's section once, each in the overview, and one data block.
    const std::string html = test::read_text(dir / "merged.html");
    CHECK(count(html, "<section id=") == whole.size());
    CHECK(count(html, "<script") == 1);
    CHECK(count(html, "<tr><td class=\"pass\">PASS</td>") == whole.size());
}

TEST_CASE("report merge of shards with a failing scenario exits 1 and names it", "[report_merge][shard]") {
    const test::ScratchDir dir("ringside-merge-fail");
    run_whole_and_sharded(dir, {"scenarios/setup", "tests/data/must_fail/never_said_catches_speech.yaml"}, 1);
    const test::CliResult merged = run_cli({"report", "merge", "--out-junit", dir / "merged.xml", "--out-html", dir / "merged.html",
                                            dir / "shard1.xml", dir / "shard2.xml", dir / "shard1.html", dir / "shard2.html"},
                                           {}, 30s);
    INFO(merged.output);
    CHECK(merged.exit_code == 1);
    CHECK(merged.output.find("FAILED testcase") != std::string::npos);
    CHECK(merged.output.find("never_said_catches_speech.yaml") != std::string::npos);
    CHECK(junit_verdicts(dir / "merged.xml") == junit_verdicts(dir / "whole.xml"));
    CHECK(html_summary(dir / "merged.html") == html_summary(dir / "whole.html"));
    CHECK(html_summary(dir / "merged.html").find("1 failed") != std::string::npos);
    const std::string xml = test::read_text(dir / "merged.xml");
    CHECK(xml.find("failures=\"1\"") != std::string::npos);
    CHECK(xml.find("<failure message=") != std::string::npos);
    const std::string html = test::read_text(dir / "merged.html");
    CHECK(html.find("<section id=\"s") != std::string::npos);
    CHECK(html.find("class=\"failed\"") != std::string::npos);
}
