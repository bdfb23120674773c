#pragma once
// What a demo run cost: frames presented, wall seconds, and this process's CPU seconds
// (user + system, getrusage), as the one-line summary the demo prints at exit and
// bench/demo_fps.sh reads. Who may call: anyone; one object per run.
#include <chrono>
#include <cstdint>
#include <string>

namespace ringside::demo {

class RunStats {
public:
    RunStats();  // starts both clocks now

    // "demo stats: frames=N wall_s=W cpu_s=C fps=F cpu_pct=P" (P: % of one core).
    std::string summary(std::uint64_t frames) const;

private:
    std::chrono::steady_clock::time_point wall0_;
    double cpu0_ = 0;
};

// This process's CPU seconds so far (user + system).
double process_cpu_seconds();

} // namespace ringside::demo
