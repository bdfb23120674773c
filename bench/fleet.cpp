// Worlds of many speakers on the in-process cloud, as `ringside run` plays a fleet scenario:
//   sign-in: N speakers power on, are set up and approved, until all are linked;
//   24h:     the same, then 24 hours of hourly token refreshes.
// Each size runs in its own child process, so its peak resident memory is its own. The
// memory per speaker is the growth between two sizes (the difference of peaks over the
// difference of speakers), which leaves out what any run costs.
// usage: ringside_bench_fleet [RUNS] [SIZES...]   default: 3 runs of 2500 5000 10000
// Goals (issue 14): 10,000 speakers to linked < 10 s on 2 cores, < 64 KiB per speaker;
// 10,000 speakers through 24 h of hourly refreshes < 30 s.
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

std::string fleet_scenario(int speakers, bool day) {
    std::string text = "name: " + std::to_string(speakers) + " speakers\n"
                       "seed: 3\n"
                       "cloud:\n  accounts: [{ id: jane, password: correct-horse }]\n  access_token_lifetime: 1h\n"
                       "wifi: [{ ssid: Home, password: hunter22 }]\n"
                       "fleet: " + std::to_string(speakers) + "\n"
                       "steps:\n"
                       "  - { power_on: ~, speaker: all }\n"
                       "  - expect_fleet: { state: { device: setup }, count: all, within: 5s }\n"
                       "  - { app.provision: { wifi: Home, account: jane }, speaker: all }\n"
                       "  - expect_fleet: { state: { auth: awaiting_approval }, count: all, within: 1m }\n"
                       "  - { user.approve: { account: jane }, speaker: all }\n"
                       "  - expect_fleet: { state: { device: linked, auth: linked }, count: all, within: 1m }\n";
    if (day)
        text += "  - advance: 24h\n"
                "  - expect_fleet: { state: { device: linked, auth: linked }, count: all }\n"
                "  - expect_requests: { endpoint: token, grant: refresh_token, status: 200, at_least: " +
                std::to_string(speakers * 24) + " }\n";
    return text;
}

// One run of the fleet in a child process: its wall time (negative when it failed).
double run_fleet(int speakers, bool day) {
    using namespace ringside::runner;
    const Scenario scenario = parse_scenario(fleet_scenario(speakers, day), "fleet.yaml");
    const auto start = std::chrono::steady_clock::now();
    ScenarioResult result = run_scenario(scenario, scenario.seed);
    redact_secrets(result);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (result.passed()) return seconds;
    std::fprintf(stderr, "error: %d speakers: %s\n", speakers, result.failure->message.c_str());
    return -1;
}

bool table(const char* title, bool day, int runs, const std::vector<int>& sizes) {
    std::printf("%s\n%9s %10s %10s %12s %14s\n", title, "speakers", "wall s", "peak MiB", "s per 1000", "KiB/speaker");
    long previous_peak = 0;
    int previous_size = 0;
    for (const int n : sizes) {
        std::vector<double> wall;
        long peak = 0;
        for (int r = 0; r < runs; ++r) {
            ringside::bench::ChildSample s;
            if (!ringside::bench::measure_in_child([n, day] { return run_fleet(n, day); }, s)) return false;
            wall.push_back(s.seconds);
            peak = std::max(peak, s.peak_kib);
        }
        std::sort(wall.begin(), wall.end());
        const double median = wall[wall.size() / 2];
        std::printf("%9d %10.2f %10.1f %12.3f ", n, median, peak / 1024.0, median * 1000 / n);
        if (previous_size > 0)
            std::printf("%14.1f\n", static_cast<double>(peak - previous_peak) / (n - previous_size));
        else
            std::printf("%14s\n", "-");
        previous_peak = peak;
        previous_size = n;
    }
    return true;
}

} // namespace

int main(int argc, char** argv) {
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
    std::vector<int> sizes;
    for (int i = 2; i < argc; ++i) sizes.push_back(std::max(2, std::atoi(argv[i])));
    if (sizes.empty()) sizes = {2500, 5000, 10000};
    std::sort(sizes.begin(), sizes.end());
    if (!table("power-on to linked (goal: 10000 speakers < 10 s, < 64 KiB per speaker)", false, runs, sizes)) return 1;
    if (!table("to linked, then 24 h of hourly refreshes (goal: 10000 speakers < 30 s)", true, runs, sizes)) return 1;
    return 0;
}
