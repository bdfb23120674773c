#pragma once
// `ringside demo [SCENARIO]` without --headless: the interactive window (docs/demo_window.md).
// Prints on `out` the cloud, the verification URL to open whenever the speaker shows a new
// code, each change of device/auth state, and at exit a stats line (frames, wall and CPU
// seconds, fps, CPU % of one core); errors on `err`.
// Returns the exit code: 0 closed or passed, 1 the scenario failed, 2 bad input or no display.
// Who may call: the demo command (main thread; SDL wants its video on one thread).
#include <ostream>

#include "cli/demo_options.hpp"

namespace ringside::cli {

int run_demo_window(const DemoOptions& options, std::ostream& out, std::ostream& err);

} // namespace ringside::cli
