#include "cli/command_help.hpp"

#include <algorithm>

#include "cli/import_command.hpp"

namespace ringside::cli {
namespace {

constexpr std::string_view kRun = R"(usage: ringside run [PATH...] [options]
Runs scenario files, or every scenario under folders (default: scenarios/), on the virtual
speaker (or a board) against the mock cloud, and reports each one's verdict.
  --seed N          override every scenario's seed
  --junit FILE      a JUnit XML report (one testcase per scenario)
  --html FILE       a self-contained HTML report
  --json FILE       one JSON record per scenario (docs/results.md): verdict, file, seed,
                    virtual and wall time, failing step with file:line, repro line
  --trace DIR       each scenario's trace as DIR/<scenario>.jsonl, .vcd, .trace.json
  --tag T           run only scenarios tagged T (repeatable)
  --skip-tag T      leave out scenarios tagged T (repeatable; e.g. herd: the 10,000-speaker fleets)
  -j N              run N scenarios at once
  --shard K/N       run the K-th of N slices of the scenario files
  --target sim|hil  the virtual speaker (default), or a board on --port
  --port PORT       with hil: emulator (the project's board emulator, started per
                    scenario), qemu (the STM32F405 image in QEMU, started per scenario),
                    tcp:HOST:PORT, a device path, or a USB serial number
  --baud N          with hil on a serial port (default 115200)
  --board-timeout D with hil: how long the board may take to answer (default: 10 s, or
                    longer if the board says so; e.g. 60s for a slow emulated board)
  --cloud inproc|URL  the mock cloud in-process (default), or a `ringside cloud` at URL
                    (its admin token in RINGSIDE_CLOUD_TOKEN); same verdicts, same traces
  --cloud-ca FILE   the CA to trust for an https:// --cloud (ringside cloud --tls --ca-out)
exit status: 0 all passed, 1 a scenario failed, 2 bad input or usage
)";

constexpr std::string_view kExplore = R"(usage: ringside explore [PATH...] [options]   (docs/explore.md)
Plays each scenario many times with faults drawn from a seed on top, checks the properties
on every run, and shrinks each broken one to a scenario file that `ringside run` reproduces.
  --runs N          runs per scenario (default 100)
  --seed S          the seed the fault schedules are drawn from (default 1)
  --faults LIST     comma-separated kinds (default all): drop, 5xx, 429, reset, delay,
                    malformed, slow_down, loss, wifi, power, power_cut, clock_jump, outage, deny
  --out DIR         where shrunk scenarios go (default explore-out)
  --plant DEFECT    plant a defect to prove the properties can catch it (docs/explore.md)
  -j N, --cloud URL, --cloud-ca FILE, --junit FILE, --html FILE   as for ringside run
exit status: 0 no property broke, 1 some did (shrunk scenarios written), 2 bad input or usage
)";

constexpr std::string_view kCloud = R"(usage: ringside cloud [options]   (docs/cloud.md)
The mock cloud as a real HTTP server: RFC 8628 device authorization, tokens, MFA page,
revocation, faults and a journal through its admin API. Runs until SIGINT or SIGTERM.
  --host 127.0.0.1|::1  --port N (0: any free port)  --dialect rfc8628|lwa
  --accounts FILE   accounts: [{ id, password, email }]
  --clients FILE    clients: [{ id, secret, scopes: [..], name }] (a secret: the client
                    must authenticate, HTTP Basic or client_secret; scopes: all it may ask
                    for, others are invalid_scope)
  --tls --ca-out FILE  HTTPS with a test CA made at start; its certificate to FILE
  --admin-token T   default: a fresh random token, printed at start
  --seed N          reproducible codes and tokens (default: drawn from the OS's CSPRNG,
                    different on every start)
  --access-token-lifetime S  expires_in of access tokens (default 3600; short ones make
                    `ringside fleet` see refreshes within seconds)
  --journal-size N  request journal entries held (default 100000, 0: no limit); older
                    ones are dropped, the admin journal's counts stay exact
exit status: 0 stopped by a signal, 2 bad usage or a port it could not bind
)";

constexpr std::string_view kHil = R"(usage: ringside hil ports | port NAME | ping ... | record ...   (docs/hil_host.md)
The hardware-in-the-loop link to a board:
  ringside hil ports         list serial ports (USB VID:PID, serial number)
  ringside hil port NAME     describe a port by name or USB serial number
  ringside hil ping ...      handshake with a board (ringside hil ping --help)
  ringside hil record ...    play a scenario on a board and record it (ringside hil record --help)
)";

constexpr std::string_view kHilPorts = R"(usage: ringside hil ports
Lists the serial ports (name, transport, USB VID:PID, serial number, description).
exit status: 0
)";

constexpr std::string_view kHilPort = R"(usage: ringside hil port NAME|USB-SERIAL
Describes one serial port, found by its name or its USB serial number.
exit status: 0 found, 2 there is none
)";

constexpr std::string_view kHilPing = R"(usage: ringside hil ping --port PORT [--baud N] [--count N] [--timeout MS]
Handshakes with a board, prints its identity and the Hello round-trip times.
  --port PORT       tcp:HOST:PORT, a device path such as /dev/ttyUSB0 or /dev/pts/3, a USB
                    serial number, or emulator / qemu (started for the ping and ended)
  --baud N          on a serial port (default 115200)
  --count N         Hello round trips (default 20)
  --timeout MS      how long each answer may take (default 2000)
exit status: 0 answered, 1 the board failed to answer, 2 bad usage
)";

constexpr std::string_view kHilRecord = R"(usage: ringside hil record SCENARIO --port PORT [--baud N] [--seed N] --out FILE
Plays a scenario on a board and records the session (inputs, cloud traffic, what the board
did, when), secrets redacted; `ringside replay FILE` plays it again on the virtual speaker.
  --port PORT       as for ringside hil ping
  --baud N          on a serial port (default 115200)
  --seed N          override the scenario's seed
  --out FILE, -o    the recording
exit status: 0 recorded and passed, 1 recorded and failed, 2 bad input or usage
)";

constexpr std::string_view kReplay = R"(usage: ringside replay RECORDING
Plays a recorded session (from ringside hil record) again on the virtual speaker and
reports the first divergence.
exit status: 0 it did the same, 1 it diverged (the first divergence is printed), 2 bad input
)";

constexpr std::string_view kSignin = R"(usage: ringside signin --issuer URL [--client-id ID] [--scope S] [--ca FILE] [--timeout S] [--stay D]
The virtual speaker (signed out, on Wi-Fi) signs in against any RFC 8628 server in real
time (docs/issuer.md): prints the user code and where to enter it, then the speaker's states,
its exchanges with the server, each refresh's outcome and what it says.
  --issuer URL      the authorization server (its RFC 8414 metadata is read)
  --client-id ID    as registered at the server (default ringside-speaker)
  --scope S         the scope to ask for (default speaker); a scope the metadata's
                    scopes_supported does not list is warned about on stderr
  --ca FILE         PEM CA to trust for an https issuer
  --timeout S       seconds to wait for the sign-in (default 600, at most 86400)
  --stay D          once linked, keep the speaker running for D of wall time (1s to 24h:
                    90s, 5m, 2h) so its token refreshes against the server show
exit status: 0 linked (with --stay: still linked at the end), 1 not linked in time, the
speaker gave up, or it lost its sign-in while staying; 2 bad usage
)";

constexpr std::string_view kFleet = R"(usage: ringside fleet --issuer URL --speakers N [options]   (docs/fleet.md)
N virtual speakers (each the real firmware in its own world) sign in and keep refreshing
against any RFC 8628 server in real time.
  --issuer URL        the authorization server (its RFC 8414 metadata is read)
  --speakers N        how many, 1 to 10000
  --ramp R            speakers powered on per second: 10/s (default), 0.5/s, 30/m; at most 1000/s
  --duration D        the run ends after D of wall time at most: 60s (default), 500ms, 5m, 2h; at most 24h
  --refreshes K       a speaker is done after K refreshes; the run ends when all are done
                      (default 0: they refresh until D)
  --approve-as EMAIL  approve each code at a ringside cloud's verification page as this
                      account; its password in the environment variable RINGSIDE_APPROVE_PASSWORD.
                      Without it nobody approves: speakers poll until their codes lapse
  --json FILE         the summary as JSON too
  --workers N         threads running the speakers, 1 to 64 (default: 1 per 25 speakers, at most 8)
  --seed S            speaker i (0-based) runs with seed S+i (default 1)
  --shard K/N         run only the K-th (1..N) of N contiguous ranges of the speakers;
                      speaker i keeps its seed, serial and ramp instant i/R, so N shards
                      started together make the whole fleet's ramp (ringside report merge)
  --client-id ID      as registered at the server (default ringside-speaker)
  --scope S           (default speaker)
  --ca FILE           PEM CA to trust for an https issuer
exit status: 0 every started speaker linked and stayed linked, 1 some did not, 2 bad usage
)";

constexpr std::string_view kReport = R"(usage: ringside report merge ...
Reports: `ringside report merge` makes the reports of shards one (ringside report merge --help).
)";

constexpr std::string_view kReportMerge = R"(usage: ringside report merge [--out-junit FILE] [--out-html FILE] [--out-fleet FILE] INPUT...
Makes the reports of shards (ringside run --shard K/N, ringside fleet --shard K/N) one.
Each INPUT is told apart by its content: a JUnit XML report (run --junit), an HTML report
(run --html) or a fleet summary (fleet --json). Every kind among the inputs needs its output:
  --out-junit FILE   one JUnit document: every shard's testcases, totals counted again
  --out-html FILE    one HTML report: every shard's scenario sections, summary counted again
  --out-fleet FILE   one fleet summary JSON (it is printed too; without this, only printed)
The fleet summaries must be of one run (same issuer, client, fleet size, seed, ramp, shard
count) and together cover its speakers once.
exit status: 0 merged, nothing failed; 1 merged, an input records a failure (named);
2 bad usage or input (the file named; nothing is written)
)";

constexpr std::string_view kDemo = R"(usage: ringside demo [SCENARIO] [options]   (docs/demo.md, docs/demo_window.md)
The light-ring demo: a window with a fresh speaker to sign in from a browser, or SCENARIO
played visibly; headless, a film of it.
  --headless --out DIR  no window: play SCENARIO and write DIR/frame-00000.png, ... and the
                  animation DIR/run.apng (800x600). Stills are skipped after 1 s of
                  animation until the ring or a state changes; the last state is always
                  drawn. Same scenario and seed: same bytes. Exit 0 passed, 1 failed
                  (frames still written), 2 bad input.
  --speed X       virtual seconds per second of animation (headless) or of wall time
                  (window); 0.001 to 1000000, default 1; headless: X / fps at
                  least 0.01 (an LED ring refreshes about every 33 ms)
  --fps N         frames per second, 1 to 240 (headless default 10)
  --max-frames N  headless: draw at most N frames (default 1200); the scenario still plays
                  to its verdict and the summary says where the film stopped
  --seed N        override the scenario's seed
  --exit-after S  window: close after S wall seconds
  --issuer URL    window: sign in against any RFC 8628 server, in real time (docs/issuer.md)
  --client-id ID  with --issuer: as registered at the server (default ringside-speaker)
  --scope S       with --issuer: the scope to ask for (default speaker); a scope the
                  metadata's scopes_supported does not list is warned about on stderr
  --ca FILE       with --issuer: PEM CA to trust for an https issuer
)";

const std::vector<CommandHelp> kHelps = {
    {"run", "run scenario files or folders (default: scenarios/)", kRun},
    {"explore", "play scenarios many times with seeded faults, shrink what breaks", kExplore},
    {"cloud", "the mock cloud as a real HTTP server", kCloud},
    {"hil", "the link to a board: ports, port, ping, record", kHil},
    {"hil ports", "list serial ports", kHilPorts},
    {"hil port", "describe one serial port", kHilPort},
    {"hil ping", "handshake with a board", kHilPing},
    {"hil record", "play a scenario on a board and record the session", kHilRecord},
    {"replay", "play a recorded session again on the virtual speaker", kReplay},
    {"signin", "the virtual speaker signs in against any RFC 8628 server", kSignin},
    {"fleet", "load on a real server: N speakers sign in and refresh", kFleet},
    {"report", "reports: merge", kReport},
    {"report merge", "make the reports of shards one", kReportMerge},
    {"demo", "the light-ring demo, in a window or as a film", kDemo},
    {"import", "field captures become scenarios: har", kImportHelp},
    {"import har", "a HAR capture of a sign-in becomes a scenario", kImportHelp},
};

bool is_help_flag(const std::string& a) { return a == "--help" || a == "-h"; }

} // namespace

const std::vector<CommandHelp>& command_helps() { return kHelps; }

std::string overview_help() {
    std::string out = "usage: ringside <command> [options]\n       ringside <command> --help\n"
                      "       ringside --version\n\ncommands:\n";
    for (const auto& h : kHelps) {
        std::string name(h.path);
        name.resize(std::max<std::size_t>(name.size() + 2, 14), ' ');
        out += "  " + name + std::string(h.summary) + "\n";
    }
    out += "\nexit status: 0 all passed, 1 a scenario (or check) failed, 2 bad input or usage\n";
    return out;
}

HelpRequest help_request(const std::vector<std::string>& args) {
    HelpRequest r;
    const bool help_word = !args.empty() && args[0] == "help";
    r.asked = help_word || std::any_of(args.begin(), args.end(), is_help_flag);
    if (!r.asked) return r;
    // The command path: the leading words that are not options (and not `help`).
    std::string path;
    std::size_t words = 0;
    for (std::size_t i = help_word ? 1 : 0; i < args.size() && !args[i].empty() && args[i][0] != '-'; ++i) {
        const std::string longer = path.empty() ? args[i] : path + " " + args[i];
        const auto found = std::find_if(kHelps.begin(), kHelps.end(), [&](const CommandHelp& h) { return h.path == longer; });
        if (found == kHelps.end()) break;
        path = longer;
        r.help = &*found;
        ++words;
    }
    const std::size_t first = help_word ? 1 : 0;
    // `ringside nosuch --help`: a first word that is no command. Later words may be operands
    // (`ringside run scenarios --help`).
    r.known = words > 0 || first >= args.size() || args[first].empty() || args[first][0] == '-';
    return r;
}

std::string see_help(std::string_view path) {
    return path.empty() ? "see 'ringside --help'" : "see 'ringside " + std::string(path) + " --help'";
}

} // namespace ringside::cli
