#pragma once
// `ringside cloud`: the mock cloud as a real HTTP server until SIGINT/SIGTERM.
// Prints "issuer URL", "admin token T" and then "ready" (one line each) so that a harness
// can wait for readiness without sleeping. Exit: 0 after a clean stop, 2 bad usage or input.
#include <string>
#include <vector>

namespace ringside::cli {

int cloud_command(const std::vector<std::string>& args);

} // namespace ringside::cli
