#pragma once
// Runs the real `ringside` binary as a child process and captures what a user would see.
#include <string>

namespace ringside::test {

struct ChildResult {
    int exit_code = -1;
    std::string output;  // stdout and stderr, interleaved
};

// `args` is appended to the binary's path and run by /bin/sh from the source tree root.
ChildResult run_ringside(const std::string& args);

std::string read_file(const std::string& path);

} // namespace ringside::test
