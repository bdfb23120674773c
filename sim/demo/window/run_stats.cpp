#include "sim/demo/window/run_stats.hpp"

#include <sys/resource.h>

#include <cstdio>

namespace ringside::demo {

double process_cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

RunStats::RunStats() : wall0_(std::chrono::steady_clock::now()), cpu0_(process_cpu_seconds()) {}

std::string RunStats::summary(std::uint64_t frames) const {
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0_).count();
    const double cpu = process_cpu_seconds() - cpu0_;
    char line[160];
    std::snprintf(line, sizeof line, "demo stats: frames=%llu wall_s=%.2f cpu_s=%.2f fps=%.1f cpu_pct=%.1f",
                  static_cast<unsigned long long>(frames), wall, cpu, wall > 0 ? frames / wall : 0.0,
                  wall > 0 ? 100.0 * cpu / wall : 0.0);
    return line;
}

} // namespace ringside::demo
