#pragma once
// The real `ringside` binary run as a child with a hard time limit (fork/exec; killed at
// the limit), its stdout and stderr together: how the CLI tests see what a user sees.
#include <chrono>
#include <string>
#include <vector>

namespace ringside::test {

struct CliRun {
    int exit_code = -1;  // -1: killed at the limit
    std::string output;
    long long elapsed_ms = 0;
};

CliRun run_cli(const std::vector<std::string>& args, std::chrono::milliseconds limit = std::chrono::seconds(20));

} // namespace ringside::test
