// The `ringside` command: one binary, a subcommand per job (DESIGN.md §3).
#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "cli/cloud_command.hpp"
#include "cli/demo_command.hpp"
#include "cli/fleet_command.hpp"
#include "cli/hil_command.hpp"
#include "cli/hil_record.hpp"
#include "cli/signin_command.hpp"
#include "explore/explore_command.hpp"
#include "reports/merge/merge_command.hpp"
#include "runner/run_command.hpp"

namespace {

constexpr const char* kUsage = R"(usage: ringside <command> [options]

commands:
  run [PATH...]   run scenario files or folders (default: scenarios/)
      --seed N        override every scenario's seed
      --junit FILE    write a JUnit XML report (one testcase per scenario)
      --html FILE     write a self-contained HTML report
      --trace DIR     write each scenario's trace as DIR/<scenario>.jsonl, .vcd, .trace.json
      --tag T         run only scenarios tagged T (repeatable)
      --skip-tag T    leave out scenarios tagged T (repeatable; e.g. herd: the 10,000-speaker fleets)
      -j N            run N scenarios at once
      --shard K/N     run the K-th of N slices of the scenario files
      --target sim|hil  the virtual speaker (default), or a board on --port
      --port PORT     with hil: emulator (the project's board emulator, started per
                      scenario), qemu (the STM32F405 image in QEMU, started per scenario),
                      tcp:HOST:PORT, a device path, or a USB serial number
      --baud N        with hil on a serial port (default 115200)
      --board-timeout D  with hil: how long the board may take to answer (default: 10 s,
                      or longer if the board says so; e.g. 60s for a slow emulated board)
      --cloud inproc|URL  the mock cloud in-process (default), or a `ringside cloud` at URL
                      (its admin token in RINGSIDE_CLOUD_TOKEN); same verdicts, same traces
      --cloud-ca FILE the CA to trust for an https:// --cloud (ringside cloud --tls --ca-out)
  explore [PATH...]  play each scenario many times with faults drawn from a seed on top,
                  check the properties on every run, shrink each broken one to a scenario
                  file that `ringside run` reproduces (docs/explore.md)
      --runs N        runs per scenario (default 100)
      --seed S        the seed the fault schedules are drawn from (default 1)
      --faults LIST   comma-separated kinds (default all): drop, 5xx, 429, reset, delay,
                      malformed, slow_down, loss, wifi, power, power_cut, clock_jump, outage, deny
      --out DIR       where shrunk scenarios go (default explore-out)
      --plant DEFECT  plant a defect to prove the properties can catch it (docs/explore.md)
      -j N, --cloud URL, --cloud-ca FILE, --junit FILE, --html FILE  as for run
  cloud           the mock cloud as a real HTTP server (docs/cloud.md)
      --host 127.0.0.1|::1  --port N (0: any free port)  --dialect rfc8628|lwa
      --accounts FILE       accounts: [{ id, password, email }]
      --clients FILE        clients: [{ id, secret, scopes: [..], name }] (a secret: the
                            client must authenticate, HTTP Basic or client_secret; scopes:
                            all it may ask for, others are invalid_scope)
      --tls --ca-out FILE   HTTPS with a test CA made at start; its certificate to FILE
      --admin-token T       default: a fresh random token, printed at start
      --seed N              reproducible codes and tokens (default: drawn from the OS's
                            CSPRNG, different on every start)
      --access-token-lifetime S  expires_in of access tokens (default 3600; short ones
                            make `ringside fleet` see refreshes within seconds)
      --journal-size N      request journal entries held (default 100000, 0: no limit);
                            older ones are dropped, the admin journal's counts stay exact
  hil ports       list serial ports (USB VID:PID, serial number)
  hil port NAME   describe a port by name or USB serial number (exit 2 when there is none)
  hil ping --port PORT [--baud N] [--count N] [--timeout MS]
                  handshake with a board, print its identity and Hello round-trip times
                  (PORT: tcp:HOST:PORT, a device path such as /dev/ttyUSB0 or /dev/pts/3,
                  a USB serial number, or emulator / qemu, which it starts and ends);
                  exit 1 when the board fails to answer
  hil record SCENARIO --port PORT [--seed N] --out FILE
                  play a scenario on a board and record the session (inputs, cloud
                  traffic, what the board did, when), secrets redacted
  replay FILE     play a recorded session again on the virtual speaker and report the
                  first divergence (exit 1), or that it did the same (exit 0)
  signin --issuer URL [--timeout S] [--client-id ID] [--scope S] [--ca FILE]
                  the virtual speaker (signed out, on Wi-Fi) signs in against any RFC 8628
                  server in real time: prints the user code and where to enter it, then the
                  speaker's states; exit 0 linked, 1 not linked in time (default 600 s)
  fleet --issuer URL --speakers N [--ramp R/s] [--duration D]
                  load on a real server (docs/fleet.md): N virtual speakers (at most 10000)
                  power on at R a second (default 10/s), sign in and keep refreshing in
                  real time until D (default 60s, at most 24h) or all are done; prints live
                  progress and a summary (latency percentiles, requests by endpoint, status,
                  OAuth error); exit 0 all linked and stayed linked, 1 some did not
      --approve-as EMAIL  approve each code at a ringside cloud's verification page as
                      that account, its password in RINGSIDE_APPROVE_PASSWORD (without it
                      nobody approves and the codes lapse)
      --refreshes K   a speaker is done after K refreshes (default 0: refresh until D)
      --json FILE     the summary as JSON too   --workers N  threads (default 1-8)
      --seed S        speaker i runs with seed S+i (default 1)
      --shard K/N     run only the K-th of N contiguous ranges of the N speakers' indices
                      (each keeps its seed and its instant on the whole fleet's ramp)
      --client-id ID  --scope S  --ca FILE   as for signin
  report merge [--out-junit FILE] [--out-html FILE] [--out-fleet FILE] INPUT...
                  make the reports of shards one (docs/fleet.md, "Beyond one machine"):
                  INPUTs are JUnit XML (run --junit), HTML reports (run --html) and fleet
                  summaries (fleet --json), told apart by content; each kind given needs its
                  --out-* (the fleet summary is printed too); exit 1 when an input records a
                  failure, 2 for a file that is not one of these or shards that do not fit
  demo [SCENARIO]  the light-ring demo (docs/demo.md, docs/demo_window.md): a window with a
                  fresh speaker to sign in from a browser, or SCENARIO played visibly
      --speed X       virtual seconds per wall second (default 1; keys change it)
      --seed N        override the scenario's seed
      --fps N         frames a second at most (default 60; headless: 10)
      --exit-after S  close the window by itself after S wall seconds
      --issuer URL    the window signs in against any RFC 8628 server, in real time
      --headless --out DIR  no display: PNG frames and DIR/run.apng of SCENARIO
      --max-frames N  with --headless: stop the film after N frames

exit status: 0 all passed, 1 a scenario failed, 2 bad input or usage
)";

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        (args.empty() ? std::cerr : std::cout) << kUsage;
        return args.empty() ? 2 : 0;
    }
    const std::string command = args[0];
    args.erase(args.begin());
    if (command == "run") {
        try {
            auto options = ringside::runner::parse_run_options(args, argv[0]);
            options.progress = isatty(STDOUT_FILENO) != 0;  // plain lines into files and CI logs
            return ringside::runner::run_command(options, std::cout, std::cerr);
        } catch (const ringside::runner::UsageError& e) {
            std::cerr << "error: " << e.what() << "\n";
            return 2;
        }
    }
    if (command == "explore") {
        try {
            auto options = ringside::explore::parse_explore_options(args, argv[0]);
            options.run.progress = isatty(STDOUT_FILENO) != 0;
            return ringside::explore::explore_command(options, std::cout, std::cerr);
        } catch (const ringside::runner::UsageError& e) {
            std::cerr << "error: " << e.what() << "\n";
            return 2;
        }
    }
    if (command == "cloud") return ringside::cli::cloud_command(args);
    if (command == "hil") return ringside::cli::hil_command(args);
    if (command == "replay") return ringside::cli::replay_command(args, std::cout, std::cerr);
    if (command == "signin") return ringside::cli::signin_command(args, std::cout, std::cerr);
    if (command == "fleet")
        return ringside::cli::fleet_command(args, std::cout, std::cerr, isatty(STDOUT_FILENO) != 0);
    if (command == "report") {
        if (!args.empty() && args[0] == "merge")
            return ringside::reports::report_merge_command({args.begin() + 1, args.end()}, std::cout, std::cerr);
        std::cerr << "error: 'ringside report' has one subcommand: merge (ringside report merge --help)\n";
        return 2;
    }
    if (command == "demo") return ringside::cli::demo_command(args, std::cout, std::cerr);
    std::cerr << "error: unknown command '" << command << "'\n" << kUsage;
    return 2;
}
