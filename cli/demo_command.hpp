#pragma once
// `ringside demo [SCENARIO] [--speed X] [--headless --out DIR] ...` (DESIGN.md §3, docs/demo.md):
// the headless frames (cli/demo_headless.hpp) or the window. Returns the exit code: 0 ok
// (a played scenario passed), 1 a played scenario failed, 2 bad input or usage.
// Who may call: cli/main.cpp, tests.
#include <ostream>
#include <string>
#include <vector>

namespace ringside::cli {

// `args`: what follows "demo" on the command line.
int demo_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace ringside::cli
