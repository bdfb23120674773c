// `ringside hil` as a lab engineer meets it: the real binary as a child process.
#include <catch2/catch.hpp>

#include <sstream>

#include "runner/child_process.hpp"

using ringside::test::run_ringside;

TEST_CASE("hil ports lists every serial port the system reports, or says there are none", "[hil][cli]") {
    const auto r = run_ringside("hil ports");
    CHECK(r.exit_code == 0);
    std::istringstream lines(r.output);
    std::string line;
    int n = 0;
    while (std::getline(lines, line)) {
        ++n;
        INFO(line);
        CHECK((line.rfind("/dev/", 0) == 0 || line == "no serial ports found"));
    }
    CHECK(n >= 1);
}

TEST_CASE("a missing port is a clear error with exit 2", "[hil][cli]") {
    const auto r = run_ringside("hil port /dev/ttyRINGSIDE-NOPE");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.output, Catch::Contains("no serial port named '/dev/ttyRINGSIDE-NOPE'"));
    CHECK_THAT(r.output, Catch::Contains("ringside hil ports"));
    CHECK(run_ringside("hil").exit_code == 2);
}
