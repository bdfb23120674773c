#include "cli/demo_command.hpp"

#include "cli/demo_headless.hpp"
#include "cli/demo_options.hpp"
#include "cli/demo_window.hpp"
#include "runner/run_options.hpp"

namespace ringside::cli {

const char* const kDemoUsage = R"(usage: ringside demo [SCENARIO] [options]   (docs/demo.md)

  --headless --out DIR  no window: play SCENARIO and write DIR/frame-00000.png, ... and the
                  animation DIR/run.apng (800x600). Stills are skipped after 1 s of
                  animation until the ring or a state changes; the last state is always
                  drawn. Same scenario and seed: same bytes. Exit 0 passed, 1 failed
                  (frames still written), 2 bad input.
  --speed X       virtual seconds per second of animation (headless) or of wall time
                  (window); 0.001 to 1000000, default 1; headless: X / fps at
                  least 0.01 (an LED ring refreshes about every 33 ms)
  --fps N         frames per second, 1 to 240 (headless default 10)
  --max-frames N  headless: draw at most N frames (default 1200); the scenario still plays
                  to its verdict and the summary says where the film stopped
  --seed N        override the scenario's seed
  --issuer URL    window: sign in against any RFC 8628 server
  --exit-after S  window: close after S wall seconds
)";

int demo_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            out << kDemoUsage;
            return 0;
        }
    DemoOptions options;
    try {
        options = parse_demo_options(args);
    } catch (const runner::UsageError& e) {
        err << "error: " << e.what() << "\n";
        return 2;
    }
    if (options.headless) return headless_demo(options, out, err);
    return run_demo_window(options, out, err);
}

} // namespace ringside::cli
