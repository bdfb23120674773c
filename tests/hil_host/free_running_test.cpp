// A free-running board (the emulator standing in for a physical one: no lockstep, its own
// wall clock): the world follows real time, so a scenario takes as long as it says and its
// deadlines are met, or missed, in real time.
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <regex>

#include "run_cli.hpp"

using namespace ringside::test;

namespace {

const std::string kSource = RINGSIDE_SOURCE_DIR;

struct FreeRunning {
    FreeRunning() { ::setenv("RINGSIDE_EMULATOR_ARGS", "--free-running", 1); }
    ~FreeRunning() { ::unsetenv("RINGSIDE_EMULATOR_ARGS"); }
};

// The virtual end time a PASS/FAIL line reports, in ms.
long long virtual_ms(const std::string& output) {
    std::smatch m;
    const std::regex re("virtual (\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d\\d\\d)");
    if (!std::regex_search(output, m, re)) return -1;
    return ((std::stoll(m[1]) * 60 + std::stoll(m[2])) * 60 + std::stoll(m[3])) * 1000 + std::stoll(m[4]);
}

} // namespace

TEST_CASE("on a free-running board a scenario plays in real time and passes", "[hil][free]") {
    FreeRunning board;
    for (const char* scenario : {"scenarios/setup/unknown_network_tells_app_not_found.yaml",
                                 "scenarios/setup/app_follows_provisioning_to_linked.yaml"}) {
        INFO(scenario);
        const CliRun r = run_cli({"run", kSource + "/" + scenario, "--target", "hil", "--port", "emulator"},
                                 std::chrono::seconds(30));
        INFO(r.output);
        CHECK(r.exit_code == 0);
        const long long played = virtual_ms(r.output);
        REQUIRE(played > 2000);
        // The world's clock followed the wall clock: the run took at least its virtual span
        // (and not much more: start-up and the last answer).
        CHECK(r.elapsed_ms >= played);
        CHECK(r.elapsed_ms < played + 3000);
    }
}

TEST_CASE("on a free-running board a missed deadline fails in real time, with the same message", "[hil][free]") {
    FreeRunning board;
    const CliRun r = run_cli({"run", kSource + "/tests/data/failing/linked_within_1s.yaml", "--target", "hil", "--port", "emulator"},
                             std::chrono::seconds(30));
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.output, Catch::Contains("expected auth linked within 1s"));
    CHECK(r.elapsed_ms >= virtual_ms(r.output));
}
