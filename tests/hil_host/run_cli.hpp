#pragma once
// The real `ringside` binary run as a child with a hard time limit (fork/exec; killed at
// the limit), its stdout and stderr together: how the CLI tests see what a user sees.
// ChildRun is the same, started now and finished later, for tests that act on the running
// child (kill it, or a process it started) in between.
#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace ringside::test {

struct CliRun {
    int exit_code = -1;  // -1: killed (at the limit, or by the test)
    std::string output;
    long long elapsed_ms = 0;
};

CliRun run_cli(const std::vector<std::string>& args, std::chrono::milliseconds limit = std::chrono::seconds(20));

class ChildRun {
public:
    // Starts `program` (an absolute path) with `args`.
    ChildRun(const std::string& program, const std::vector<std::string>& args);
    // Kills the child if finish() was never called: a failed test leaves nothing running.
    ~ChildRun();
    ChildRun(const ChildRun&) = delete;
    ChildRun& operator=(const ChildRun&) = delete;

    pid_t pid() const { return pid_; }
    // Collects the output until the child closes it, at most until `limit` after the start
    // (then it is killed), and reaps it. Call once.
    CliRun finish(std::chrono::milliseconds limit);

private:
    pid_t pid_ = -1;
    int out_ = -1;
    std::chrono::steady_clock::time_point start_;
    bool finished_ = false;
};

} // namespace ringside::test
