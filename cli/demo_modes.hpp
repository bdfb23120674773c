#pragma once
// The demo window's two modes. Each returns the demo's exit code: 0 when the person closed
// the window (or --exit-after ran out) or the scenario passed, 1 when it failed.
// Who may call: run_demo_window.
#include <ostream>

#include "cli/demo_frames.hpp"
#include "runner/scenario.hpp"

namespace ringside::cli {

// A fresh speaker the person drives: powered on in setup (orange), handed the home Wi-Fi by
// the companion app after a few virtual seconds, then showing its code until someone signs
// in at the verification page.
int free_run(const DemoOptions& options, DemoCloud& cloud, DemoFrames& frames, std::ostream& out);

// `scenario` played at the chosen speed: the executor moves time, and each frame instant
// it passes is drawn (and waited for) from inside that movement.
int play_scenario(const DemoOptions& options, runner::Scenario scenario, DemoCloud& cloud, DemoFrames& frames,
                  std::ostream& out, std::ostream& err);

} // namespace ringside::cli
