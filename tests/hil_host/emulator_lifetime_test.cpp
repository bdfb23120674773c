// The board emulator never outlives the harness that started it: it leaves by itself when
// the host's end of its PTY closes, EmulatorProcess's destructor ends one that does not
// (a frozen board), an emulator nobody talks to exits on its own after --idle-exit, and one
// that never comes up leaves neither a process nor a descriptor behind.
#include <catch2/catch.hpp>

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>

#include "hil/host/emulator_process.hpp"
#include "hil/host/handshake.hpp"
#include "hil/host/link_error.hpp"
#include "link_test_support.hpp"
#include "process_probe.hpp"
#include "run_cli.hpp"

using namespace ringside;
using namespace ringside::test;
using namespace std::chrono_literals;

TEST_CASE("emulator lifetime: it exits by itself once the host's end of the link closes", "[hil_host][emulator]") {
    hil::EmulatorProcess emulator;
    const pid_t pid = emulator.pid();
    {
        hil::BoardLink link(emulator.take_transport());
        const hil::BoardIdentity identity = hil::handshake(link);
        CHECK(identity.board_id == "EMU0000000001");
        CHECK(identity.chip == "host (ringside-board-emulator)");
        // Its executable's GNU build-id, read from its own program headers: SHA-1, in hex.
        CHECK(identity.build_id.size() == 40);
        CHECK(identity.build_id.find_first_not_of("0123456789abcdef") == std::string::npos);
        CHECK(emulator.running());
    }  // the link (and the PTY master) is gone; the EmulatorProcess is still here
    Stopwatch clock;
    // Not the destructor's doing: it has not run, and it would only insist after a second.
    CHECK(wait_exited(pid, 2s));
    CHECK(clock.ms() < 500);
    CHECK_FALSE(emulator.running());
}

TEST_CASE("emulator lifetime: the destructor ends an emulator that does not leave (a frozen board)", "[hil_host][emulator]") {
    auto emulator = std::make_unique<hil::EmulatorProcess>();
    const pid_t pid = emulator->pid();
    auto transport = emulator->take_transport();
    REQUIRE(::kill(pid, SIGSTOP) == 0);  // it cannot notice the hang-up now
    transport.reset();
    Stopwatch clock;
    emulator.reset();
    CHECK(clock.ms() >= 900);   // it was given its second to leave ...
    CHECK(clock.ms() < 3000);   // ... then killed, not waited for forever
    CHECK(process_state(pid) == 0);  // and reaped: no process, not even a zombie
}

TEST_CASE("emulator lifetime: one that nobody talks to exits after --idle-exit seconds", "[hil_host][emulator]") {
    Pty pty = open_pty(false);  // the host's end stays open and silent
    ChildRun emulator(hil::EmulatorProcess::binary(), {"--tty", pty.slave_path, "--idle-exit", "1"});
    const CliRun r = emulator.finish(5s);
    ::close(pty.master);
    CHECK(r.output == "ready\n");
    CHECK(r.exit_code == 0);
    CHECK(r.elapsed_ms >= 1000);
    CHECK(r.elapsed_ms < 3000);
}

namespace {

std::size_t open_descriptors() {
    std::size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator("/proc/self/fd")) {
        (void)e;
        ++n;
    }
    return n;
}

// Points RINGSIDE_BOARD_EMULATOR elsewhere for one scope.
struct EmulatorBinary {
    explicit EmulatorBinary(const char* path) { ::setenv("RINGSIDE_BOARD_EMULATOR", path, 1); }
    ~EmulatorBinary() { ::unsetenv("RINGSIDE_BOARD_EMULATOR"); }
};

} // namespace

TEST_CASE("emulator lifetime: an emulator that dies before it is ready is reported and leaks nothing", "[hil_host][emulator]") {
    const std::size_t before = open_descriptors();
    {
        EmulatorBinary dies("/bin/false");
        Stopwatch clock;
        try {
            hil::EmulatorProcess emulator;
            FAIL("a process that never said ready was taken for the emulator");
        } catch (const hil::LinkError& e) {
            CHECK(e.kind() == hil::LinkError::Kind::Closed);
            CHECK_THAT(e.what(), Catch::StartsWith("the board emulator exited before it was ready"));
        }
        CHECK(clock.ms() < 2000);
    }
    CHECK(open_descriptors() == before);  // its PTY and pipe were closed
}
