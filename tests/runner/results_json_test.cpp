// `ringside run --json FILE`: the records a dashboard reads, checked against what happened
// (a failing and a passing scenario), against the committed schema, and through the repro
// line each failure carries.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "runner/child_process.hpp"

namespace fs = std::filesystem;
using ringside::test::read_file;
using ringside::test::run_ringside;

namespace {

constexpr const char* kFailing = "tests/data/failing/linked_within_1s.yaml";
constexpr const char* kPassing = "scenarios/sign_in/first_time_setup_and_sign_in.yaml";

} // namespace

TEST_CASE("run --json writes one record per scenario with verdict seed times failing step and repro", "[cli][json]") {
    const fs::path out = fs::temp_directory_path() / "ringside-results-json-test";
    fs::remove_all(out);
    const std::string json_file = (out / "sub" / "results.json").string();
    const auto run = run_ringside(std::string("run ") + kFailing + " " + kPassing + " --json " + json_file);
    INFO(run.output);
    REQUIRE(run.exit_code == 1);
    const auto doc = nlohmann::json::parse(read_file(json_file));
    CHECK(doc["schema"] == "ringside-results/1");
    CHECK(doc["totals"] == nlohmann::json({{"scenarios", 2}, {"passed", 1}, {"failed", 1}, {"skipped", 0}}));
    REQUIRE(doc["scenarios"].size() == 2);

    const auto& failed = doc["scenarios"][0];
    CHECK(failed["file"] == kFailing);
    CHECK(failed["verdict"] == "failed");
    CHECK(failed["seed"] == 42);
    CHECK(failed["skipped_because"].is_null());
    const auto& step = failed["failed_step"];
    CHECK(step["number"] == 4);
    CHECK(step["file"] == kFailing);
    CHECK(step["line"] == 10);
    CHECK(step["text"].get<std::string>().find("expect_state") != std::string::npos);
    CHECK(step["at_virtual_seconds"].get<double>() > 0);
    CHECK(step["at_virtual_seconds"].get<double>() <= failed["virtual_seconds"].get<double>());
    CHECK(!step["message"].get<std::string>().empty());
    // The repro line plays the same failure again.
    const std::string repro = failed["repro"];
    REQUIRE(repro.find(" run " + std::string(kFailing) + " --seed 42") != std::string::npos);
    const auto again = run_ringside(repro.substr(repro.find(" run ") + 1));
    CHECK(again.exit_code == 1);
    CHECK(again.output.find(step["message"].get<std::string>()) != std::string::npos);

    const auto& passed = doc["scenarios"][1];
    CHECK(passed["file"] == kPassing);
    CHECK(passed["verdict"] == "passed");
    CHECK(passed["failed_step"].is_null());
    CHECK(passed["virtual_seconds"].get<double>() > 0);
    CHECK(passed["wall_seconds"].get<double>() >= 0);

    // The committed schema accepts it (python3-jsonschema, as the scenario schema's test).
    const std::string validate = "/usr/bin/python3 -c \"import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), "
                                 "json.load(open(sys.argv[1])))\" " RINGSIDE_SOURCE_DIR "/schema/results.schema.json " + json_file;
    CHECK(std::system(validate.c_str()) == 0);
    fs::remove_all(out);
}

TEST_CASE("run --json into a folder that cannot be written is an error that names the file", "[cli][json]") {
    const auto run = run_ringside(std::string("run ") + kPassing + " --json /proc/no-such/results.json");
    CHECK(run.exit_code == 2);
    CHECK(run.output.find("/proc/no-such/results.json") != std::string::npos);
}
