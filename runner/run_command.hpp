#pragma once
// `ringside run`: load every scenario (all load errors reported, then exit 2), play the
// selected ones, print a line per scenario and a closing "N passed, N failed" line, write
// the requested reports. Returns the exit code: 0 all passed, 1 a scenario failed, 2 bad input.
#include <ostream>

#include "runner/run_options.hpp"

namespace ringside::runner {

int run_command(const RunOptions& options, std::ostream& out, std::ostream& err);

} // namespace ringside::runner
