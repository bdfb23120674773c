// `ringside hil ping` and `ringside hil port` as a user runs them: against a fake board on
// a real pseudo-terminal, a silent one, and ports that are not there. Exit codes: 0 the
// board answered, 1 it did not, 2 bad usage or a port that cannot be opened.
#include <catch2/catch.hpp>

#include "fake_board.hpp"
#include "hil/protocol/messages.hpp"
#include "link_test_support.hpp"
#include "run_cli.hpp"

using namespace ringside;
using namespace ringside::test;

TEST_CASE("cli: hil ping over a PTY prints the board and median/p99 round trips", "[hil_host][cli]") {
    Pty pty = open_pty(false);
    FakeBoard board(pty.master, [](BoardEnd& b) { answer_hellos(b, milliseconds(3000)); });
    const CliRun run = run_cli({"hil", "ping", "--port", pty.slave_path, "--count", "50"});
    INFO(run.output);
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.output, Catch::Contains("port      " + pty.slave_path));
    CHECK_THAT(run.output, Catch::Contains("board     fake-board-1, firmware 0.0.0-test, protocol"));
    CHECK_THAT(run.output, Catch::Contains("chip      FAKE-MCU, build feedc0de\n"));
    CHECK_THAT(run.output, Catch::Contains("features  lockstep, http-tunnel (0x00000005)"));
    CHECK_THAT(run.output, Catch::Contains("50 Hello/HelloAck round trips: median ") && Catch::Contains(" ms, p99 "));
    CHECK_THAT(run.output, Catch::Contains("link      clean"));
    CHECK(run.elapsed_ms < 5000);
}

TEST_CASE("cli: hil ping to a silent board exits 1 naming the port and the wait", "[hil_host][cli]") {
    Pty pty = open_pty(false);
    FakeBoard board(pty.master, [](BoardEnd& b) { b.stay(milliseconds(2000)); });
    const CliRun run = run_cli({"hil", "ping", "--port", pty.slave_path, "--timeout", "400"});
    INFO(run.output);
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.output, Catch::Contains("error: board on " + pty.slave_path + " sent no HelloAck within 400 ms"));
    CHECK(run.elapsed_ms < 3000);
}

TEST_CASE("cli: hil ping prints a board's stats when it keeps them, and what an older board does not tell", "[hil_host][cli]") {
    Pty pty = open_pty(false);
    FakeBoard board(pty.master, [](BoardEnd& b) {
        if (!b.wait_hello(milliseconds(3000))) return;
        // An older board: HelloAck without chip, build id and answer time, announcing board stats.
        hil::Frame f;
        hil::encode(hil::HelloAck{hil::kProtocolVersion, "old-board", "0.9", hil::kCapBoardStats, {}, {}}, f);
        f.length = static_cast<std::uint16_t>(f.length - 8);  // the layout before chip, build id and answer time
        b.send_bytes(BoardEnd::wire(hil::MessageType::HelloAck, 0, Bytes(f.payload.begin(), f.payload.begin() + f.length)));
        b.set_sequence(1);
        while (auto q = b.read_frame(milliseconds(3000))) {
            if (q->type == hil::MessageType::QueryBoardStats) {
                hil::encode(hil::BoardStats{8192, 1480, 0, 23484, 15320, 2, 4321}, f);
                b.send_bytes(BoardEnd::wire(hil::MessageType::BoardStats, b.next_sequence(),
                                            Bytes(f.payload.begin(), f.payload.begin() + f.length)));
            } else if (q->type == hil::MessageType::Hello) {
                b.send_hello_ack();
            }
        }
    });
    const CliRun run = run_cli({"hil", "ping", "--port", pty.slave_path, "--count", "3"});
    INFO(run.output);
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.output, Catch::Contains("board     old-board, firmware 0.9, protocol"));
    CHECK_THAT(run.output, Catch::Contains("chip      (not told), build (not told)\n"));
    CHECK_THAT(run.output, Catch::Contains("features  board-stats (0x00000020)"));
    CHECK_THAT(run.output, Catch::Contains("stats     stack 1480 of 8192 B used, static RAM 23484 B, flash 15320 B, "
                                           "heap allocations after init 0, rx overruns 2, up 4321 ms\n"));
}

TEST_CASE("cli: hil ping to a board that halted with a Fault exits 1 quoting it", "[hil_host][cli]") {
    Pty pty = open_pty(false);
    const std::string what = "heap allocation of 16 bytes after init (operator new, called from 0x080010e6): this board has no heap";
    FakeBoard board(pty.master, [&](BoardEnd& b) {
        b.wait_hello(milliseconds(3000));
        b.send_bytes(BoardEnd::fault_wire(what));
        b.stay(milliseconds(2000));
    });
    const CliRun run = run_cli({"hil", "ping", "--port", pty.slave_path});
    INFO(run.output);
    CHECK(run.exit_code == 1);
    CHECK(run.output == "error: the board on " + pty.slave_path + " stopped: " + what + "\n");
    CHECK(run.elapsed_ms < 2000);
}

TEST_CASE("cli: hil ping and hil port exit 2 for a port that is not there", "[hil_host][cli]") {
    CliRun run = run_cli({"hil", "ping", "--port", "/dev/ttyRINGSIDE_NOPE"});
    CHECK(run.exit_code == 2);
    CHECK(run.output == "error: no serial device /dev/ttyRINGSIDE_NOPE (see 'ringside hil ports')\n");
    run = run_cli({"hil", "port", "/dev/ttyRINGSIDE_NOPE"});
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.output, Catch::Contains("error: no serial port named '/dev/ttyRINGSIDE_NOPE'"));
    run = run_cli({"hil", "port", "RINGSIDE-NO-SUCH-SERIAL"});
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.output, Catch::Contains("none with that USB serial number"));
}

TEST_CASE("cli: hil ping refuses bad usage with exit 2 and says why", "[hil_host][cli]") {
    CliRun run = run_cli({"hil", "ping"});
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.output, Catch::Contains("error: --port is required") && Catch::Contains("see 'ringside hil ping --help'"));
    run = run_cli({"hil", "ping", "--port", "tcp:127.0.0.1"});
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.output, Catch::Contains("bad --port 'tcp:127.0.0.1'"));
    run = run_cli({"hil", "ping", "--port", "/dev/null", "--baud", "fast"});
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.output, Catch::Contains("bad --baud 'fast': expected a whole number"));
}

TEST_CASE("cli: hil ping starts the board emulator itself and ends it", "[hil_host][cli]") {
    const CliRun run = run_cli({"hil", "ping", "--port", "emulator", "--count", "3"});
    INFO(run.output);
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.output, Catch::Contains("port      emulator") && Catch::Contains("chip      host (ringside-board-emulator)") &&
                               Catch::Contains("link      clean"));
}
