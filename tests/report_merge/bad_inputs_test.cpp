// `ringside report merge` on files that are not ours, unreadable or misused: exit 2, the
// file named with what was expected, nothing written.
#include <catch2/catch.hpp>

#include <fstream>

#include "report_merge/merge_support.hpp"

using namespace ringside;
using namespace std::chrono_literals;
using test::run_cli;

TEST_CASE("report merge: bad inputs exit 2 naming the file", "[report_merge]") {
    const test::ScratchDir dir("ringside-merge-bad");
    const std::string good = dir / "good.xml";
    {
        // One real report to stand beside the bad ones: the failure must be the bad file's.
        const test::CliResult run = run_cli({"run", "scenarios/setup/settings_downloaded_after_linking.yaml", "--junit", good,
                                             "--html", dir / "good.html"}, {}, 30s);
        REQUIRE(run.exit_code == 0);
    }
    std::ofstream(dir / "notes.txt") << "just some notes\n";
    std::ofstream(dir / "broken.xml") << "<testsuites><testsuite name=\"x\"><testcase name=\"a\"></testsuite>";
    std::ofstream(dir / "pom.xml") << "<?xml version=\"1.0\"?>\n<project><name>x</name></project>\n";
    std::ofstream(dir / "page.html") << "<!doctype html><html><body><p>a page</p></body></html>\n";
    std::ofstream(dir / "empty.json");
    {
        // A report edited after it was written: its sections no longer match the data block.
        std::string html = test::read_text(dir / "good.html");
        const auto at = html.find("step log");
        REQUIRE(at != std::string::npos);
        html.replace(at, 8, "step LOG");
        std::ofstream(dir / "edited.html") << html;
    }
    const std::string out = dir / "merged.xml";

    struct Case {
        std::vector<std::string> args;
        std::string says;
    };
    const std::vector<Case> cases{
        {{"--out-junit", out, good, dir / "notes.txt"}, dir / "notes.txt" + ": unrecognised content"},
        {{"--out-junit", out, good, dir / "missing.xml"}, dir / "missing.xml" + ": cannot read it"},
        {{"--out-junit", out, good, dir / "broken.xml"}, dir / "broken.xml" + ": not well-formed XML"},
        {{"--out-junit", out, good, dir / "pom.xml"}, dir / "pom.xml" + ": XML whose root is <project>"},
        {{"--out-html", out, dir / "edited.html"}, dir / "edited.html" + ": scenario '"},
        {{"--out-html", out, dir / "edited.html"}, "its section does not match the data block"},
        {{"--out-html", out, dir / "page.html"}, dir / "page.html" + ": an HTML page without the ringside-report data block"},
        {{"--out-junit", out, good, dir / "empty.json"}, dir / "empty.json" + ": empty"},
        {{"--out-junit", out, good, good}, good + ": given twice"},
        {{good}, good + " is a JUnit XML report but no --out-junit FILE was given"},
        {{"--out-html", out, good}, "--out-junit FILE was given"},
        {{"--out-junit", out}, "needs the files to merge"},
        {{"--out-junit", out, "--tidy", good}, "unknown option '--tidy'"},
    };
    for (const Case& c : cases) {
        std::vector<std::string> args{"report", "merge"};
        args.insert(args.end(), c.args.begin(), c.args.end());
        const test::CliResult r = run_cli(args, {}, 20s);
        INFO(c.says << "\n" << r.output);
        CHECK(r.exit_code == 2);
        CHECK(r.output.find(c.says) != std::string::npos);
        CHECK(!std::filesystem::exists(out));
    }
    const test::CliResult bare = run_cli({"report"}, {}, 10s);
    CHECK(bare.exit_code == 2);
    CHECK(bare.output.find("merge") != std::string::npos);
}
