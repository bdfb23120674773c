#pragma once
// `ringside run` options (DESIGN.md §3). parse_run_options throws UsageError (exit 2).
#include <cstdint>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ringside::runner {

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// `text`, the value of `flag`, as a whole number from `min` to `max`; else UsageError
// naming the flag, the range and what was given. For every subcommand's flags.
long long parse_number(const std::string& flag, const std::string& text, long long min, long long max);

struct RunOptions {
    std::vector<std::string> paths;   // files or folders; default scenarios/
    std::optional<std::uint64_t> seed;  // overrides every scenario's own seed
    std::string junit_file;
    std::string html_file;
    std::string json_file;            // --json: one record per scenario (reports/results_json.hpp)
    std::string trace_dir;
    std::vector<std::string> tags;    // run only scenarios carrying one of these
    std::vector<std::string> skip_tags;  // and none carrying one of these
    int jobs = 1;
    int shard_index = 1, shard_count = 1;  // --shard K/N: files K, K+N, K+2N, ... (1-based)
    std::string program = "ringside"; // how the user invoked us, for repro lines
    bool progress = false;            // a live status line (the CLI sets it when stdout is a terminal)
    // --cloud URL: every world plays against its own tenant of `ringside cloud` at this URL
    // (empty: the cloud in process). The admin token comes from RINGSIDE_CLOUD_TOKEN, kept
    // out of the command line (and so out of `ps` and repro lines); --cloud-ca FILE is the
    // CA to trust for an https URL.
    std::string cloud_url, cloud_token, cloud_ca;
    // --target sim (the virtual speaker) or hil (a board on --port: a serial port, a USB
    // serial number, tcp:HOST:PORT, or `emulator` for the project's own board emulator);
    // --baud for real serial ports.
    enum class Target { Sim, Hil } target = Target::Sim;
    std::string port;
    int baud = 115200;
    // --board-timeout: how long the board may take to answer anything (wall time), whatever
    // it announces; unset: the longer of 10 s and what its HelloAck says.
    std::optional<std::chrono::milliseconds> board_timeout;
};

// args: what follows "run" on the command line.
RunOptions parse_run_options(const std::vector<std::string>& args, const std::string& program);

} // namespace ringside::runner
