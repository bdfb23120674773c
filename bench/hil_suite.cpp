// Where the suite's time goes on the board emulator (lockstep HIL) against the virtual
// speaker, scenario by scenario, in this process (one thread).
// usage: ringside_bench_hil_suite [DIR] [ROUNDS] [TOP]
//   defaults: scenarios, 3 rounds, the 8 slowest scenarios listed
// Each round plays every scenario under DIR on the virtual speaker (--target sim) and then
// on a fresh emulator (as --target hil --port emulator does; sim-only scenarios are left
// out of both), so noise hits both alike; per scenario the median over the rounds is kept.
// Prints the suite's wall time on each and their ratio, and for the emulator: the time spent
// starting emulators (spawn to ready, handshake, BoardConfig) and stopping them, the
// lockstep grants (in all, per scenario, those granted where the board already stood, those
// it ended early with news), the frames and bytes each way, and the cost per grant of what
// is left; then the TOP scenarios that cost the most over their sim run.
// Exit 1 when a scenario fails on either target.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bench/load_or_exit.hpp"
#include "bench/hil_bench_support.hpp"
#include "runner/scenario_error.hpp"
#include "runner/scenario_executor.hpp"
#include "runner/scenario_loader.hpp"

namespace {

using namespace ringside;
using bench::Nanos;
using hil::MessageType;
using Clock = std::chrono::steady_clock;

struct PerScenario {
    std::string file;
    runner::Scenario scenario;
    std::vector<Nanos> sim_wall, hil_wall, spawn, open, stop;
    // The same every round (lockstep is deterministic); the last round's.
    std::uint64_t grants = 0, in_place = 0, stopped = 0, frames_to_board = 0, frames_to_host = 0, bytes_to_board = 0,
                  bytes_to_host = 0;
};

Nanos median(const std::vector<Nanos>& v) { return bench::percentile(v, 50); }

Nanos timed(const runner::Scenario& s, const runner::WorldMakers& makers, bool& passed) {
    const auto start = Clock::now();
    const runner::ScenarioResult r = runner::run_scenario(s, s.seed, makers);
    const Nanos wall = Clock::now() - start;
    if (!r.passed()) {
        std::fprintf(stderr, "FAIL %s: %s\n", s.where.file.c_str(), r.failure->message.c_str());
        passed = false;
    }
    return wall;
}

// Plays `s` on a fresh emulator, counting what crosses its link.
Nanos on_emulator(PerScenario& p, bool& passed) {
    auto counts = std::make_shared<bench::WireCounts>();
    runner::WorldMakers makers;
    makers.device = bench::tapped_emulator(counts, 0, false);
    const Nanos wall = timed(p.scenario, makers, passed);
    p.spawn.push_back(counts->emulator_spawn);
    p.open.push_back(counts->emulator_open);
    p.stop.push_back(counts->emulator_stop);
    p.grants = counts->to_board.of(MessageType::TimeGrant).frames;
    p.in_place = counts->grants_in_place;
    p.stopped = counts->grants_stopped;
    p.frames_to_board = counts->to_board.frames();
    p.frames_to_host = counts->to_host.frames();
    p.bytes_to_board = counts->to_board.bytes;
    p.bytes_to_host = counts->to_host.bytes;
    return wall;
}

double ms(Nanos d) { return bench::to_ms(d); }

} // namespace

int main(int argc, char** argv) {
    const std::string dir = argc > 1 ? argv[1] : "scenarios";
    const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
    const int top = argc > 3 ? std::max(0, std::atoi(argv[3])) : 8;

    std::vector<PerScenario> all;
    const std::vector<std::string> files = bench::scenario_files_or_exit(dir);
    int sim_only = 0;
    for (const std::string& f : files) {
        try {
            runner::Scenario s = runner::load_scenario(f);
            if (!s.sim_only.empty()) {
                ++sim_only;
                continue;
            }
            all.push_back(PerScenario{f, std::move(s), {}, {}, {}, {}, {}});
        } catch (const runner::ScenarioError& e) {
            std::fprintf(stderr, "error: %s\n", e.what());
            return 2;
        }
    }
    if (all.empty()) {
        std::fprintf(stderr, "error: no scenario files under '%s'\n", dir.c_str());
        return 2;
    }

    bool passed = true;
    std::vector<Nanos> sim_suite, hil_suite;
    for (int r = 0; r < rounds; ++r) {
        Nanos sim_total{0}, hil_total{0};
        for (PerScenario& p : all) {
            p.sim_wall.push_back(timed(p.scenario, {}, passed));
            sim_total += p.sim_wall.back();
        }
        for (PerScenario& p : all) {
            p.hil_wall.push_back(on_emulator(p, passed));
            hil_total += p.hil_wall.back();
        }
        sim_suite.push_back(sim_total);
        hil_suite.push_back(hil_total);
    }

    Nanos spawn_total{0}, open_total{0}, stop_total{0}, hil_total{0};
    std::uint64_t grants = 0, in_place = 0, stopped = 0, to_board = 0, to_host = 0, bytes_board = 0, bytes_host = 0;
    std::vector<std::uint64_t> grants_each;
    for (const PerScenario& p : all) {
        spawn_total += median(p.spawn);
        open_total += median(p.open);
        stop_total += median(p.stop);
        hil_total += median(p.hil_wall);
        grants += p.grants;
        in_place += p.in_place;
        stopped += p.stopped;
        to_board += p.frames_to_board;
        to_host += p.frames_to_host;
        bytes_board += p.bytes_to_board;
        bytes_host += p.bytes_to_host;
        grants_each.push_back(p.grants);
    }
    std::sort(grants_each.begin(), grants_each.end());
    const double sim_s = ms(median(sim_suite)) / 1000, hil_s = ms(median(hil_suite)) / 1000;
    const Nanos rest = hil_total - spawn_total - open_total - stop_total;

    std::printf("scenarios:          %zu under %s (%d sim-only left out), %d rounds, one thread, in process\n", all.size(),
                dir.c_str(), sim_only, rounds);
    std::printf("suite wall median:  sim %.3f s, emulator %.3f s: %.2fx\n", sim_s, hil_s, hil_s / sim_s);
    std::printf("emulator spawn:     %.0f ms in all, %.1f ms per scenario (PTY, Boost.Process spawn, its ready line)\n",
                ms(spawn_total), ms(spawn_total) / all.size());
    std::printf("link open:          %.0f ms in all, %.1f ms per scenario (handshake, BoardConfig and its Ack)\n",
                ms(open_total), ms(open_total) / all.size());
    std::printf("emulator stop:      %.0f ms in all, %.1f ms per scenario (close the PTY, wait for the exit)\n",
                ms(stop_total), ms(stop_total) / all.size());
    std::printf("lockstep grants:    %llu in all; per scenario median %llu, max %llu; %llu where the board already stood,"
                " %llu ended with news\n",
                static_cast<unsigned long long>(grants),
                static_cast<unsigned long long>(grants_each[grants_each.size() / 2]),
                static_cast<unsigned long long>(grants_each.back()), static_cast<unsigned long long>(in_place),
                static_cast<unsigned long long>(stopped));
    std::printf("frames:             %llu to the board (%llu bytes), %llu to the host (%llu bytes)\n",
                static_cast<unsigned long long>(to_board), static_cast<unsigned long long>(bytes_board),
                static_cast<unsigned long long>(to_host), static_cast<unsigned long long>(bytes_host));
    std::printf("the rest:           %.0f ms (playing: the world, the board and %llu grants: %.1f us per grant)\n",
                ms(rest), static_cast<unsigned long long>(grants), grants ? ms(rest) * 1000 / grants : 0.0);

    std::vector<const PerScenario*> order;
    for (const PerScenario& p : all) order.push_back(&p);
    std::sort(order.begin(), order.end(), [](const PerScenario* a, const PerScenario* b) {
        return median(a->hil_wall) - median(a->sim_wall) > median(b->hil_wall) - median(b->sim_wall);
    });
    if (top > 0) std::printf("\n%9s %9s %8s %8s  scenario (most emulator time over sim first)\n", "sim ms", "hil ms", "spawn", "grants");
    for (int i = 0; i < top && i < static_cast<int>(order.size()); ++i) {
        const PerScenario& p = *order[i];
        std::printf("%9.1f %9.1f %8.1f %8llu  %s\n", ms(median(p.sim_wall)), ms(median(p.hil_wall)), ms(median(p.spawn)),
                    static_cast<unsigned long long>(p.grants), p.file.c_str());
    }
    return passed ? 0 : 1;
}
