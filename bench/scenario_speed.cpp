// How much faster than real time a scenario runs on the virtual speaker.
// usage: ringside_bench_scenario [SCENARIO] [RUNS]
//   default: scenarios/tokens/hourly_refresh_for_24h.yaml, 15 runs
// Prints the median wall time of the runs and the speed-up over real time it gives.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "bench/load_or_exit.hpp"
#include "runner/scenario_executor.hpp"

int main(int argc, char** argv) {
    using namespace ringside::runner;
    const std::string path = argc > 1 ? argv[1] : "scenarios/tokens/hourly_refresh_for_24h.yaml";
    const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 15;
    const Scenario scenario = ringside::bench::load_or_exit(path);
    std::vector<double> wall;
    ScenarioResult last;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        last = run_scenario(scenario, scenario.seed);
        wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        if (!last.passed()) {
            std::fprintf(stderr, "error: the scenario failed: %s\n", last.failure->message.c_str());
            return 1;
        }
    }
    std::sort(wall.begin(), wall.end());
    const double median = wall[wall.size() / 2];
    const double virtual_s = last.virtual_end.count() / 1000.0;
    std::printf("scenario:        %s\n", path.c_str());
    std::printf("runs:            %d\n", runs);
    std::printf("virtual time:    %.0f s (%s)\n", virtual_s, format_timestamp(last.virtual_end).c_str());
    std::printf("events:          %llu\n", static_cast<unsigned long long>(last.events));
    std::printf("wall median:     %.2f ms (min %.2f, max %.2f)\n", median * 1000, wall.front() * 1000, wall.back() * 1000);
    std::printf("speed-up:        %.0fx real time\n", virtual_s / median);
    return 0;
}
