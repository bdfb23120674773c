// Sign-in time per Wi-Fi band under congestion.
// usage: ringside_bench_sign_in_by_band [SCENARIO] [SEEDS]
//   default: scenarios/network/sign_in_under_high_congestion.yaml, seeds 1..25
// Runs the scenario with every declared network on 2.4 GHz, then on 5 GHz, over each seed,
// and prints the median, min and max sign-in time (virtual: from the app's provisioning to
// the device linked) per band, and how many runs lost a message and waited out a timeout.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "bench/load_or_exit.hpp"
#include "runner/scenario_executor.hpp"

namespace {

using ringside::sim::Millis;

// Provisioning to linked, from the trace; negative when the run never linked.
long long sign_in_ms(const ringside::runner::ScenarioResult& result) {
    long long provisioned = -1;
    for (const auto& line : result.trace) {
        if (provisioned < 0 && line.category == "app" && line.event == "provision") provisioned = line.at.count();
        if (provisioned >= 0 && line.category == "device" && line.event == "state" && line.detail == "linked")
            return line.at.count() - provisioned;
    }
    return -1;
}

bool waited_out_timeout(const ringside::runner::ScenarioResult& result) {
    for (const auto& line : result.trace)
        if (line.category == "http" && line.event == "response" && line.detail == "timeout") return true;
    return false;
}

} // namespace

int main(int argc, char** argv) {
    using namespace ringside::runner;
    const std::string path = argc > 1 ? argv[1] : "scenarios/network/sign_in_under_high_congestion.yaml";
    const int seeds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 25;
    const Scenario scenario = ringside::bench::load_or_exit(path);
    std::printf("scenario: %s, seeds 1..%d\n", path.c_str(), seeds);
    int exit_code = 0;
    for (ringside::sim::WifiBand band : {ringside::sim::WifiBand::GHz2_4, ringside::sim::WifiBand::GHz5}) {
        Scenario on_band = scenario;
        for (auto& network : on_band.world.networks) network.band = band;
        std::vector<long long> times;
        int timeouts = 0;
        for (int seed = 1; seed <= seeds; ++seed) {
            const ScenarioResult result = run_scenario(on_band, static_cast<std::uint64_t>(seed));
            const long long t = sign_in_ms(result);
            if (!result.passed() || t < 0) {
                std::fprintf(stderr, "error: %s, seed %d: %s\n", std::string(to_string(band)).c_str(), seed,
                             result.failure ? result.failure->message.c_str() : "never linked");
                exit_code = 1;
                continue;
            }
            times.push_back(t);
            if (waited_out_timeout(result)) ++timeouts;
        }
        if (times.empty()) continue;
        std::sort(times.begin(), times.end());
        std::printf("%-7s sign-in median %7.3f s  (min %.3f s, max %.3f s; %d of %zu runs waited out a lost message)\n",
                    std::string(to_string(band)).c_str(), times[times.size() / 2] / 1000.0, times.front() / 1000.0,
                    times.back() / 1000.0, timeouts, times.size());
    }
    return exit_code;
}
