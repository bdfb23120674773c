// --target and --port on the command line, and sim-only scenarios: a step that only the
// virtual board can play must come with a stated reason, and a board run skips it saying so.
#include <catch2/catch.hpp>

#include "malformed_cases.hpp"
#include "runner/child_process.hpp"

using namespace ringside::test;

TEST_CASE("a sim-only step needs a sim_only mark with a reason", "[runner][target]") {
    check_refused({{"malformed_target/power_cut_not_marked.yaml", 4, "drives the virtual board directly; mark the scenario 'sim_only:"},
                   {"malformed_target/sim_only_without_reason.yaml", 2, "sim_only needs the reason"}});
}

TEST_CASE("the hil target needs a port, and a port needs the hil target", "[runner][target]") {
    ChildResult r = run_ringside("run scenarios --target hil");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("--target hil needs --port"));
    r = run_ringside("run scenarios --port emulator");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("--port goes with --target hil"));
    r = run_ringside("run scenarios --target board");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("expected sim or hil"));
}

TEST_CASE("a board timeout (--board-timeout MS) goes with the hil target and follows a failure's repro line",
          "[runner][target]") {
    ChildResult r = run_ringside("run scenarios --board-timeout 5000");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("--board-timeout goes with --target hil"));
    r = run_ringside("run scenarios --target hil --port emulator --board-timeout 0");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("--board-timeout: expected a whole number from 1"));
    // A board that answers within it plays as before; a failure replays with the same wait.
    r = run_ringside("run tests/data/failing/linked_within_1s.yaml --target hil --port emulator --board-timeout 20000");
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.output, Catch::Contains("--target hil --port emulator --board-timeout 20000"));
}
