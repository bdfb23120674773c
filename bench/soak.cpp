// One linked speaker soaked for 30, 90, 180 and 365 virtual days (hourly token refreshes):
// wall time and peak memory of each, to show the cost grows linearly with the run's length.
// Each size runs in its own child process (so its peak resident memory is its own) and is
// timed as `ringside run` spends it: the scenario played, then its results redacted.
// usage: ringside_bench_soak [RUNS] [DAYS...]   default: 3 runs of 30 90 180 365
// Prints, per size, the median wall time, the peak resident memory (max of the runs), and
// the time per virtual day relative to the smallest size (1.0 is linear).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench/child_measure.hpp"
#include "runner/result_redaction.hpp"
#include "runner/scenario_loader.hpp"

namespace {

std::string soak_scenario(int days) {
    return "name: one speaker linked for " + std::to_string(days) + " days\n"
           "seed: 7\n"
           "cloud:\n  accounts: [{ id: jane, password: correct-horse }]\n"
           "wifi: [{ ssid: Home, password: hunter22 }]\n"
           "steps:\n"
           "  - power_on\n"
           "  - expect_state: { device: setup, within: 5s }\n"
           "  - app.provision: { wifi: Home, account: jane }\n"
           "  - expect_state: { auth: awaiting_approval, within: 30s }\n"
           "  - user.approve: { account: jane }\n"
           "  - expect_state: { device: linked, auth: linked, within: 30s }\n"
           "  - advance: " + std::to_string(days) + "d\n"
           "  - expect_state: { device: linked, auth: linked, within: 1m }\n"
           "  - expect_requests: { endpoint: token, grant: refresh_token, status: 200, at_least: " +
           std::to_string(days * 24 - 24) + " }\n";
}

// One soak, in a child process: its wall time (negative when it failed).
double run_soak(int days) {
    using namespace ringside::runner;
    const Scenario scenario = parse_scenario(soak_scenario(days), "soak.yaml");
    const auto start = std::chrono::steady_clock::now();
    ScenarioResult result = run_scenario(scenario, scenario.seed);
    redact_secrets(result);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (result.passed()) return seconds;
    std::fprintf(stderr, "error: the %d-day soak failed: %s\n", days, result.failure->message.c_str());
    return -1;
}

} // namespace

int main(int argc, char** argv) {
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
    std::vector<int> sizes;
    for (int i = 2; i < argc; ++i) sizes.push_back(std::max(1, std::atoi(argv[i])));
    if (sizes.empty()) sizes = {30, 90, 180, 365};
    std::printf("%6s %10s %12s %14s %16s\n", "days", "wall ms", "peak MiB", "ms per day", "vs smallest");
    double base_per_day = 0;
    for (const int days : sizes) {
        std::vector<double> wall;
        long peak = 0;
        for (int r = 0; r < runs; ++r) {
            ringside::bench::ChildSample s;
            if (!ringside::bench::measure_in_child([days] { return run_soak(days); }, s)) return 1;
            wall.push_back(s.seconds);
            peak = std::max(peak, s.peak_kib);
        }
        std::sort(wall.begin(), wall.end());
        const double median_ms = wall[wall.size() / 2] * 1000;
        const double per_day = median_ms / days;
        if (base_per_day == 0) base_per_day = per_day;
        std::printf("%6d %10.1f %12.1f %14.3f %16.2f\n", days, median_ms, peak / 1024.0, per_day,
                    per_day / base_per_day);
    }
    return 0;
}
