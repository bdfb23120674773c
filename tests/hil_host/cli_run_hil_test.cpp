// `ringside run --target hil --port emulator` as a user runs it (the real CLI as a child
// process, which starts the real board emulator per scenario): the whole suite reaches the
// verdicts it reaches on the virtual speaker with byte-identical trace files, the sim-only
// scenario is skipped with its reason (a <skipped> in JUnit), a failing scenario fails the
// same way on both targets, and a board that dies mid-run ends it with exit 2 and "lost the
// board" — while a CLI that dies leaves no emulator behind.
#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <thread>

#include "suite_files.hpp"
#include "hil/host/emulator_process.hpp"
#include "link_test_support.hpp"
#include "process_probe.hpp"
#include "run_cli.hpp"
#include "runner/scenario_loader.hpp"

using namespace ringside;
using namespace ringside::test;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

const std::string kSource = RINGSIDE_SOURCE_DIR;
const std::string kRefresh24h = kSource + "/scenarios/tokens/hourly_refresh_for_24h.yaml";

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

fs::path fresh_dir(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("ringside-hil-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    return dir;
}

// One result line of `ringside run`: "PASS  <name>  <file>  (virtual T, wall N ms)", or
// "SKIP  <name>  <file>  (sim only: <reason>)". `what` is the virtual end time or the reason.
struct Verdict {
    std::string verdict, subject, what;
    bool operator==(const Verdict& o) const { return verdict == o.verdict && subject == o.subject && what == o.what; }
};
std::ostream& operator<<(std::ostream& out, const Verdict& v) { return out << v.verdict << " " << v.subject << " " << v.what; }

std::vector<Verdict> verdicts(const std::string& output) {
    std::vector<Verdict> out;
    const std::regex played("^(PASS|FAIL|ERROR) +(.*)  \\(virtual ([^,]*), wall [0-9]+ ms\\)$");
    const std::regex skipped("^(SKIP) +(.*)  \\(sim only: (.*)\\)$");
    std::istringstream in(output);
    for (std::string l; std::getline(in, l);) {
        std::smatch m;
        if (std::regex_match(l, m, played) || std::regex_match(l, m, skipped))
            out.push_back({m[1].str(), m[2].str(), m[3].str()});
    }
    return out;
}

// The lines a failure prints under its verdict (indented), without the repro line.
std::vector<std::string> failure_lines(const std::string& output) {
    std::vector<std::string> out;
    std::istringstream in(output);
    for (std::string l; std::getline(in, l);)
        if (l.rfind("      ", 0) == 0 && l.find("repro: ") == std::string::npos) out.push_back(l);
    return out;
}

struct SuiteFile {
    std::string path, subject, sim_only;
};
std::vector<SuiteFile> suite_files() {
    std::vector<SuiteFile> files;
    for (const std::string& path : test::everyday_suite_files()) {
        const runner::Scenario s = runner::load_scenario(path);
        files.push_back({path, s.name + "  " + path, s.sim_only});
    }
    std::sort(files.begin(), files.end(), [](const SuiteFile& a, const SuiteFile& b) { return a.path < b.path; });
    return files;
}

// Catches a `ringside run --target hil` child mid-scenario and leaves it stopped (SIGSTOP):
// returns its emulator once that has read more than `bytes` from the link, 0 if that did
// not happen within `within`. A scenario on the emulator takes a few tens of milliseconds,
// too quick to catch by watching the clock, so the CLI only runs in slices as short as a
// SIGCONT followed by a SIGSTOP, and is looked at while stopped. A lockstep board cannot
// move while its host is stopped, so what it has read is where the scenario stands. The
// emulator of the run's port check reads one Hello and never qualifies.
pid_t stop_mid_scenario(pid_t cli, std::uint64_t bytes, std::chrono::milliseconds within) {
    const auto deadline = std::chrono::steady_clock::now() + within;
    pid_t candidate = 0;
    while (std::chrono::steady_clock::now() < deadline) {  // ends: at the deadline
        if (::kill(cli, SIGSTOP) != 0) return 0;
        for (int i = 0; i < 2000; ++i) {  // until it has stopped: microseconds, at most ~2 s
            const char state = process_state(cli);
            if (state == 'T' || state == 't') break;
            if (state == 'Z' || state == 0) return 0;  // it finished: too late
            std::this_thread::sleep_for(1ms);
        }
        if (candidate == 0 || has_exited(candidate)) {
            const auto emulators = emulator_children(cli);  // a /proc scan: only while looking for one
            candidate = emulators.empty() ? 0 : emulators.back();
        }
        if (candidate != 0 && bytes_read(candidate).value_or(0) > bytes) return candidate;
        ::kill(cli, SIGCONT);
    }
    ::kill(cli, SIGCONT);
    return 0;
}

// Early in the 24 h refresh scenario, past the handshake, the configuration and power-on:
// an emulator reads what its loader reads (measured on one that has heard nothing from its
// host yet), then ~24 KB from the host over that scenario.
std::uint64_t early_in_refresh_scenario_bytes() {
    hil::EmulatorProcess silent;
    return bytes_read(silent.pid()).value_or(0) + 4000;
}


// RINGSIDE_EMULATOR_ARGS for the emulators a run starts, while it lives (unset: the default).
class EmulatorArgs {
public:
    explicit EmulatorArgs(const char* args) {
        if (args) ::setenv("RINGSIDE_EMULATOR_ARGS", args, 1);
        else ::unsetenv("RINGSIDE_EMULATOR_ARGS");
    }
    ~EmulatorArgs() { ::unsetenv("RINGSIDE_EMULATOR_ARGS"); }
    EmulatorArgs(const EmulatorArgs&) = delete;
    EmulatorArgs& operator=(const EmulatorArgs&) = delete;
};

// The whole suite on `--target hil --port emulator`, its emulators started with
// `emulator_args` (nullptr: none), reaches the verdicts it reaches on the virtual speaker,
// with byte-identical trace files; the sim-only scenario is skipped with its reason.
void check_suite_on_the_emulator_equals_sim(const std::string& name, const char* emulator_args) {
    const fs::path sim_dir = fresh_dir("sim-" + name), hil_dir = fresh_dir(name);
    const std::string suite = kSource + "/scenarios";
    Stopwatch clock;
    const CliRun sim = run_cli({"run", suite, "-j", "2", "--skip-tag", "herd", "--trace", (sim_dir / "traces").string(), "--junit",
                                (sim_dir / "junit.xml").string()}, 100s);
    const long long sim_ms = clock.ms();
    const EmulatorArgs args(emulator_args);
    const CliRun hil = run_cli({"run", suite, "-j", "2", "--skip-tag", "herd", "--target", "hil", "--port", "emulator", "--trace",
                                (hil_dir / "traces").string(), "--junit", (hil_dir / "junit.xml").string()}, 100s);
    INFO("sim " << sim_ms << " ms, hil (" << name << ") " << hil.elapsed_ms << " ms\n" << hil.output);
    REQUIRE(sim.exit_code == 0);
    REQUIRE(hil.exit_code == 0);

    const std::vector<SuiteFile> files = suite_files();
    const std::vector<Verdict> on_sim = verdicts(sim.output), on_hil = verdicts(hil.output);
    REQUIRE(on_sim.size() == files.size());
    REQUIRE(on_hil.size() == files.size());
    std::size_t sim_only = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
        INFO(files[i].path);
        CHECK(on_sim[i].verdict == "PASS");
        CHECK(on_sim[i].subject == files[i].subject);
        if (files[i].sim_only.empty()) {
            CHECK(on_hil[i] == on_sim[i]);  // verdict, name, file and virtual end time
        } else {
            ++sim_only;
            CHECK(on_hil[i] == Verdict{"SKIP", files[i].subject, files[i].sim_only});
        }
    }
    REQUIRE(sim_only >= 1);  // the skip path was exercised
    const std::size_t played = files.size() - sim_only;
    CHECK_THAT(hil.output, Catch::Contains(std::to_string(played) + " passed, 0 failed, " + std::to_string(sim_only) +
                                           " skipped (sim only)"));

    // Trace files: every scenario both ran, byte for byte; none for a skipped one.
    std::size_t compared = 0;
    for (const auto& e : fs::directory_iterator(sim_dir / "traces")) {
        const std::string name = e.path().filename().string();
        INFO(name);
        const bool skipped = std::any_of(files.begin(), files.end(), [&](const SuiteFile& f) {
            return !f.sim_only.empty() && name.rfind(fs::path(f.path).stem().string() + ".", 0) == 0;
        });
        if (skipped) {
            CHECK_FALSE(fs::exists(hil_dir / "traces" / name));
            continue;
        }
        REQUIRE(fs::exists(hil_dir / "traces" / name));
        CHECK(read_file(hil_dir / "traces" / name) == read_file(e.path()));
        ++compared;
    }
    CHECK(compared == 3 * played);  // .jsonl, .vcd and .trace.json each
    CHECK(std::distance(fs::directory_iterator(hil_dir / "traces"), fs::directory_iterator()) ==
          static_cast<std::ptrdiff_t>(compared));

    // JUnit: the skipped scenario is a <skipped> with its reason on hil, a plain pass on sim.
    const std::string junit_sim = read_file(sim_dir / "junit.xml"), junit_hil = read_file(hil_dir / "junit.xml");
    CHECK_THAT(junit_hil, Catch::Contains("skipped=\"" + std::to_string(sim_only) + "\""));
    CHECK_THAT(junit_sim, Catch::Contains("skipped=\"0\""));
    CHECK_THAT(junit_sim, !Catch::Contains("<skipped"));
    for (const SuiteFile& f : files) {
        if (f.sim_only.empty()) continue;
        const runner::Scenario s = runner::load_scenario(f.path);
        const std::size_t at = junit_hil.find("<testcase name=\"" + s.name + "\"");
        REQUIRE(at != std::string::npos);
        const std::size_t end = junit_hil.find("</testcase>", at);
        CHECK(junit_hil.substr(at, end - at).find("<skipped message=\"sim only: " + f.sim_only + "\"/>") != std::string::npos);
    }
    fs::remove_all(sim_dir);
    fs::remove_all(hil_dir);
}

} // namespace

TEST_CASE("run --target hil: the whole suite's verdicts and trace files equal the virtual speaker's", "[hil_host][cli][suite]") {
    check_suite_on_the_emulator_equals_sim("emulator", nullptr);
}

// The firmware on the portable board kit (hil/boards/common, what the STM32F405 port runs)
// instead of the simulator's virtual board: the same suite, the same verdicts and traces.
TEST_CASE("run --target hil with the emulator on the board kit (--kit): the suite's verdicts and trace files equal the virtual speaker's",
          "[hil_host][cli][suite][kit]") {
    check_suite_on_the_emulator_equals_sim("kit", "--kit");
}

TEST_CASE("run --target hil: the deliberately failing scenario fails on the emulator as on the virtual speaker", "[hil_host][cli]") {
    const std::string file = kSource + "/tests/data/failing/linked_within_1s.yaml";
    const CliRun sim = run_cli({"run", file});
    const CliRun hil = run_cli({"run", file, "--target", "hil", "--port", "emulator"});
    INFO(sim.output << "\n---\n" << hil.output);
    CHECK(sim.exit_code == 1);
    CHECK(hil.exit_code == 1);
    const auto on_sim = verdicts(sim.output);
    REQUIRE(on_sim.size() == 1);
    CHECK(on_sim[0].verdict == "FAIL");
    CHECK(verdicts(hil.output) == on_sim);
    // Step, file:line, virtual time, seed and message: line for line.
    CHECK_THAT(sim.output, Catch::Contains("expected auth linked within 1s"));
    CHECK(failure_lines(hil.output) == failure_lines(sim.output));
    CHECK(failure_lines(sim.output).size() == 2);
    // Each repro line replays the failure where it happened.
    CHECK_THAT(sim.output, Catch::Contains("repro: " + std::string(RINGSIDE_BINARY) + " run " + file + " --seed 42\n"));
    CHECK_THAT(hil.output, Catch::Contains("repro: " + std::string(RINGSIDE_BINARY) + " run " + file +
                                           " --seed 42 --target hil --port emulator\n"));
    CHECK(hil.elapsed_ms < 10000);
}

TEST_CASE("run --target hil: an emulator killed mid-scenario ends the run with exit 2, lost the board", "[hil_host][cli]") {
    const std::uint64_t early = early_in_refresh_scenario_bytes();
    ChildRun cli(RINGSIDE_BINARY, {"run", kRefresh24h, "--target", "hil", "--port", "emulator"});
    const pid_t emulator = stop_mid_scenario(cli.pid(), early, 20s);
    REQUIRE(emulator > 0);
    REQUIRE(::kill(emulator, SIGKILL) == 0);  // a board that crashed, found by its id
    REQUIRE(wait_exited(emulator, 2s));
    Stopwatch since_kill;
    ::kill(cli.pid(), SIGCONT);
    const CliRun r = cli.finish(30s);
    INFO(r.output);
    CHECK(r.exit_code == 2);
    const auto v = verdicts(r.output);
    REQUIRE(v.size() == 1);
    CHECK(v[0].verdict == "ERROR");
    CHECK_THAT(r.output, Catch::Contains("lost the board: the port emulator closed"));
    CHECK_THAT(r.output, Catch::Contains("0 passed, 1 failed"));
    CHECK_THAT(r.output, Catch::Contains("error: 1 scenario(s) lost the cloud or the board; their verdicts say nothing about the firmware"));
    CHECK(since_kill.ms() < 3000);
}

TEST_CASE("run --target hil: a CLI killed mid-scenario leaves no emulator behind", "[hil_host][cli]") {
    const std::uint64_t early = early_in_refresh_scenario_bytes();
    ChildRun cli(RINGSIDE_BINARY, {"run", kRefresh24h, "--target", "hil", "--port", "emulator"});
    const pid_t emulator = stop_mid_scenario(cli.pid(), early, 20s);
    REQUIRE(emulator > 0);
    REQUIRE(::kill(cli.pid(), SIGKILL) == 0);  // the harness itself dies: no destructor runs
    Stopwatch clock;
    // The kernel closes the CLI's end of the PTY; the emulator reads the hang-up and exits.
    CHECK(wait_exited(emulator, 2s));
    CHECK(clock.ms() < 1000);
    CHECK(cli.finish(5s).exit_code == -1);
}
