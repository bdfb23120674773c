#pragma once
// `ringside demo` options (DESIGN.md §3): [SCENARIO] [--speed X] [--headless --out DIR]
// [--issuer URL] [--seed N] [--fps N] [--exit-after S]. parse_demo_options throws
// runner::UsageError (exit 2) naming the option and what it expected.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ringside::cli {

struct DemoOptions {
    std::string scenario;                 // empty: a fresh speaker, no script
    double speed = 1.0;                   // virtual seconds per wall second (window) or per animation second (headless)
    bool headless = false;
    std::string out_dir;                  // --out, with --headless
    std::string issuer;                   // --issuer URL: sign in against any RFC 8628 server
    std::optional<std::uint64_t> seed;    // --seed N: overrides the scenario's seed
    int fps = 0;                          // --fps N; 0: the mode's default
    double exit_after_s = 0;              // --exit-after S: the window closes itself after S wall seconds (0: never)
};

// args: what follows "demo" on the command line.
DemoOptions parse_demo_options(const std::vector<std::string>& args);

} // namespace ringside::cli
