#pragma once
// The `ringside` CLI running as a child process while the test acts beside it (signs in
// at the page the child printed, revokes, waits): its stdout and stderr read line by line
// on a helper task as it prints, from the source tree root, with extra environment
// (NAME=value each) inherited through ScopedEnv (never bp::environment: Boost 1.74's bug,
// tests/scoped_env.hpp). Every wait is bounded; the destructor kills a child still running.
// Who may call: one test thread per object.
#include <chrono>
#include <memory>
#include <regex>
#include <string>
#include <vector>

namespace ringside::test {

class CliProcess {
public:
    explicit CliProcess(const std::vector<std::string>& args, const std::vector<std::string>& env = {});
    ~CliProcess();

    // Everything printed so far, stdout and stderr interleaved as they came.
    std::string text();
    // Group 1 of the first match of `pattern` in the output, waiting for it at most
    // `within`; "" when it did not show up in time.
    std::string wait_for(const std::regex& pattern, std::chrono::milliseconds within);
    // The exit code, or -1 (the child then killed) when it runs past `within`.
    int exit_code(std::chrono::milliseconds within);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace ringside::test
