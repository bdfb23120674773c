// Slow boards are boards too: a board that answers slowly (an emulated MCU, a sanitizer
// build) and says so in its HelloAck is waited for; one that does not say so is given up on
// at the host's limit, with a message naming the grant it missed; --board-timeout fixes the
// limit whatever the board says. The board is the real emulator made slow (--slow-ms: every
// answer waits that long), played in process with a short host limit.
#include <catch2/catch.hpp>

#include <stdlib.h>

#include "emulator_board.hpp"
#include "link_test_support.hpp"
#include "runner/scenario_executor.hpp"
#include "runner/scenario_loader.hpp"

using namespace ringside;
using namespace ringside::test;

namespace {

const std::string kScenario = std::string(RINGSIDE_SOURCE_DIR) + "/scenarios/setup/unknown_network_tells_app_not_found.yaml";

struct EmulatorArgs {
    explicit EmulatorArgs(const char* args) { ::setenv("RINGSIDE_EMULATOR_ARGS", args, 1); }
    ~EmulatorArgs() { ::unsetenv("RINGSIDE_EMULATOR_ARGS"); }
};

struct Played {
    runner::ScenarioResult result;
    long long wall_ms = 0;
};

Played play(hil::BoardDeviceOptions options) {
    const runner::Scenario s = runner::load_scenario(kScenario);
    Played p;
    Stopwatch clock;
    p.result = runner::run_scenario(s, s.seed, {{}, noisy_emulator(Fault{}, std::make_shared<Observed>(), options)});
    p.wall_ms = clock.ms();
    return p;
}

hil::BoardDeviceOptions host_waits(long long ms, bool fixed = false) {
    hil::BoardDeviceOptions o;
    o.answer_within = std::chrono::milliseconds(ms);
    o.answer_within_fixed = fixed;
    return o;
}

} // namespace

TEST_CASE("slow board: one that does not say it is slow is lost at the host's limit, naming the grant", "[hil_host][slow]") {
    EmulatorArgs slow("--slow-ms 250");
    const Played p = play(host_waits(150));
    REQUIRE_FALSE(p.result.passed());
    CHECK(p.result.lost);
    CHECK_THAT(p.result.failure->message, Catch::StartsWith("lost the board: the board on emulator did not answer ") &&
                                              Catch::Contains("within 150 ms") &&
                                              Catch::Contains("a slow board may need a longer --board-timeout"));
    CHECK(p.wall_ms < 5000);
}

TEST_CASE("slow board: one that announces its answer time is waited for, and plays to its verdict", "[hil_host][slow]") {
    EmulatorArgs slow("--slow-ms 250 --answer-within-ms 2000");
    const Played p = play(host_waits(150));
    INFO((p.result.failure ? p.result.failure->message : std::string("passed")));
    CHECK(p.result.passed());
}

TEST_CASE("slow board: a fixed limit (--board-timeout) holds whatever the board announces", "[hil_host][slow]") {
    EmulatorArgs slow("--slow-ms 250 --answer-within-ms 2000");
    const Played p = play(host_waits(150, true));
    REQUIRE_FALSE(p.result.passed());
    CHECK_THAT(p.result.failure->message, Catch::Contains("within 150 ms"));
    CHECK_THAT(p.result.failure->message, !Catch::Contains("--board-timeout"));  // the user chose it
}
