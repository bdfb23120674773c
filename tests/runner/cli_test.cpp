// The CLI as a user meets it: the real binary, started as a child process.
#include <catch2/catch.hpp>

#include <filesystem>

#include "suite_files.hpp"
#include "runner/child_process.hpp"

using ringside::test::read_file;
using ringside::test::run_ringside;
namespace fs = std::filesystem;

namespace {
std::size_t count_yaml_files(const std::string& folder) {
    std::size_t n = 0;
    for (const auto& entry : fs::directory_iterator(fs::path(RINGSIDE_SOURCE_DIR) / folder))
        n += entry.path().extension() == ".yaml";
    return n;
}
} // namespace

TEST_CASE("malformed scenario files exit 2 naming file, line and what was expected") {
    const auto r = run_ringside("run tests/data/malformed/bad_duration.yaml");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("tests/data/malformed/bad_duration.yaml:6:"));
    CHECK_THAT(r.output, Catch::Contains("expected a duration like"));

    const auto all = run_ringside("run tests/data/malformed");
    CHECK(all.exit_code == 2);
    // Every file there is malformed: each must be counted, none may crash the run.
    int files = 0;
    for (const auto& e : fs::directory_iterator(std::string(RINGSIDE_SOURCE_DIR) + "/tests/data/malformed"))
        files += e.path().extension() == ".yaml" ? 1 : 0;
    CHECK(files >= 5);
    CHECK_THAT(all.output, Catch::Contains(std::to_string(files) + " scenario file(s) could not be read"));
}

TEST_CASE("scenario files with lists or mappings as keys exit 2 naming file and line and never abort") {
    for (const char* file : {"step_key_is_a_list.yaml:2:", "top_level_key_is_a_list.yaml:4:", "delay_with_a_list_as_key.yaml:4:"}) {
        const std::string name = std::string(file).substr(0, std::string(file).find(':'));
        const auto r = run_ringside("run tests/data/malformed_yaml/" + name);
        INFO(r.output);
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.output, Catch::Contains(std::string("tests/data/malformed_yaml/") + file));
        CHECK_THAT(r.output, Catch::Contains("must be a plain name"));
    }
    // Every hostile file in the folder (aliases, tags, huge numbers, bytes that are not UTF-8,
    // deep nesting) is refused the same way.
    const auto all = run_ringside("run tests/data/malformed_yaml");
    INFO(all.output);
    CHECK(all.exit_code == 2);
    CHECK_THAT(all.output, Catch::Contains(std::to_string(count_yaml_files("tests/data/malformed_yaml")) +
                                           " scenario file(s) could not be read"));
}

TEST_CASE("a scenario made to fail exits 1 with step, file:line, virtual time, seed and a repro line") {
    const auto r = run_ringside("run tests/data/failing/linked_within_1s.yaml");
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.output, Catch::Contains("FAIL  expects sign-in faster"));
    CHECK_THAT(r.output, Catch::Contains("step 4 at tests/data/failing/linked_within_1s.yaml:10"));
    CHECK_THAT(r.output, Catch::Contains("seed 42: expected auth linked within 1s"));
    CHECK_THAT(r.output, Catch::Contains("at virtual 00:00:0"));
    CHECK_THAT(r.output, Catch::Contains("0 passed, 1 failed"));
    const auto repro = r.output.find("repro: ");
    REQUIRE(repro != std::string::npos);
    CHECK_THAT(r.output.substr(repro), Catch::Contains("run tests/data/failing/linked_within_1s.yaml --seed 42"));

    // The seed override lands in the repro line too.
    const auto seeded = run_ringside("run tests/data/failing/linked_within_1s.yaml --seed 9");
    CHECK_THAT(seeded.output, Catch::Contains("--seed 9"));
}

TEST_CASE("usage errors exit 2") {
    CHECK(run_ringside("run --no-such-flag").exit_code == 2);
    CHECK(run_ringside("run no/such/folder").exit_code == 2);
    CHECK(run_ringside("run --seed banana scenarios").exit_code == 2);
    CHECK(run_ringside("frobnicate").exit_code == 2);
    CHECK(run_ringside("").exit_code == 2);
}

TEST_CASE("the suite passes, writes one JUnit testcase per scenario and byte-identical traces") {
    const fs::path out = fs::temp_directory_path() / "ringside-cli-test";
    fs::remove_all(out);
    const auto first = run_ringside(std::string("run scenarios ") + ringside::test::kSkipHerd + " --junit " + (out / "junit.xml").string() + " --trace " + (out / "a").string());
    INFO(first.output);
    REQUIRE(first.exit_code == 0);
    CHECK(first.output.find('\033') == std::string::npos);  // not a terminal: plain lines, no progress redraws
    const auto second = run_ringside(std::string("run scenarios -j 2 ") + ringside::test::kSkipHerd + " --trace " + (out / "b").string());
    REQUIRE(second.exit_code == 0);

    const std::size_t scenarios = ringside::test::everyday_suite_files().size();
    const std::string junit = read_file((out / "junit.xml").string());
    std::size_t testcases = 0;
    for (auto pos = junit.find("<testcase "); pos != std::string::npos; pos = junit.find("<testcase ", pos + 1)) ++testcases;
    CHECK(testcases == scenarios);
    CHECK_THAT(junit, Catch::Contains("failures=\"0\""));

    std::size_t traces = 0;
    for (const auto& entry : fs::directory_iterator(out / "a")) {
        traces += entry.path().extension() == ".jsonl";  // with a .vcd and a .trace.json each
        const std::string a = read_file(entry.path().string());
        const std::string b = read_file((out / "b" / entry.path().filename()).string());
        INFO(entry.path());
        CHECK(!a.empty());
        CHECK(a == b);
    }
    CHECK(traces == scenarios);
    CHECK(std::distance(fs::directory_iterator(out / "a"), fs::directory_iterator()) == static_cast<long>(3 * scenarios));
    fs::remove_all(out);
}
