// Explored runs per second of a sign-in scenario: each run draws a fault schedule from the
// seed, plays it on top of the scenario and checks every property, in child processes as
// ringside explore plays them (its work without the shrinking). Measured on 1 and 2 children, for N and 2N runs (twice the work
// should cost twice the time), median of 5 repeats each.
// usage: ringside_bench_explore [SCENARIO] [N]   (default: the first-time sign-in, 2000)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>  // hardware_concurrency
#include <vector>

#include "bench/load_or_exit.hpp"
#include "explore/explorer.hpp"
#include "explore/isolated.hpp"

namespace {

using namespace ringside;

// Seconds for `runs` explored runs on `jobs` child processes, as `ringside explore` plays
// them (explore/isolated.hpp: a chunk of runs per child).
double explore(const explore::Subject& subject, int runs, int jobs) {
    const auto kinds = explore::all_fault_kinds();
    const auto start = std::chrono::steady_clock::now();
    const auto outcomes = explore::run_isolated(static_cast<std::size_t>(runs), jobs, explore::kRunsPerChild, [&](std::size_t run) {
        return explore::outcome_code(explore::play(subject, explore::schedule_of(subject, 1, static_cast<int>(run), kinds), {}));
    });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto broken = std::count_if(outcomes.begin(), outcomes.end(), [](const auto& o) { return o.code != 0; });
    if (broken) std::fprintf(stderr, "note: %ld runs broke a property\n", static_cast<long>(broken));
    return seconds;
}

double median_of_5(const explore::Subject& subject, int runs, int jobs) {
    std::vector<double> t;
    for (int i = 0; i < 5; ++i) t.push_back(explore(subject, runs, jobs));
    std::sort(t.begin(), t.end());
    return t[2];
}

} // namespace

int main(int argc, char** argv) {
    const std::string path = argc > 1 ? argv[1] : "scenarios/sign_in/first_time_setup_and_sign_in.yaml";
    const int n = argc > 2 ? std::max(1, std::atoi(argv[2])) : 2000;
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    const explore::Subject subject = explore::prepare(bench::load_or_exit(path), text.str(), {});
    std::printf("scenario: %s (%u hardware threads)\n", path.c_str(), std::thread::hardware_concurrency());
    for (int jobs : {1, 2}) {
        const double one = median_of_5(subject, n, jobs), two = median_of_5(subject, 2 * n, jobs);
        std::printf("-j %d: %6d runs %.3f s (%.0f runs/s), %6d runs %.3f s (%.0f runs/s); 2N/N time %.2f\n", jobs, n, one,
                    n / one, 2 * n, two, 2 * n / two, two / one);
    }
    return 0;
}
