#pragma once
// `ringside demo` options (DESIGN.md §3): the window (sim/demo/window) and the headless
// frames (cli/demo_headless.hpp) share them. parse_demo_options checks syntax, numbers and
// which flags go together; each mode checks the rest.
// Who may call: the demo command and its tests.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/issuer/issuer_flags.hpp"

namespace ringside::cli {

struct DemoOptions {
    std::string scenario;                 // empty: a fresh speaker, no script
    double speed = 1.0;                   // virtual seconds per wall second (window) or per animation second (headless)
    bool headless = false;
    std::string out_dir;                  // --out, with --headless
    // --issuer URL --client-id ID --scope S --ca FILE, read as `ringside signin` reads them
    // (sim/issuer/issuer_flags.hpp). issuer.issuer empty: the demo's own cloud.
    sim::IssuerFlags issuer;
    std::optional<std::uint64_t> seed;    // --seed N: overrides the scenario's seed
    int fps = 0;                          // --fps N; 0: the mode's default
    double exit_after_s = 0;              // --exit-after S: the window closes itself after S wall seconds (0: never)
    int max_frames = 0;                   // --max-frames N (headless): frames drawn at most; 0: the default
};

// Limits parse_demo_options enforces, so --help can state them.
inline constexpr double kMinSpeed = 0.001, kMaxSpeed = 1'000'000;
inline constexpr int kMaxFps = 240;
inline constexpr int kMaxFramesLimit = 100'000;

// `args`: what follows "demo" on the command line.
// Throws runner::UsageError (see runner/run_options.hpp) with a clear message on bad flags.
DemoOptions parse_demo_options(const std::vector<std::string>& args);

} // namespace ringside::cli
