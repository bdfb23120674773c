// Where the suite's time goes on a lockstep board the harness starts — the board emulator,
// or with `--port qemu` the STM32F405 image in QEMU — against the virtual speaker, scenario
// by scenario, in this process (one thread).
// usage: ringside_bench_hil_suite [DIR] [ROUNDS] [TOP] [--port emulator|qemu]
//   defaults: scenarios, 3 rounds, the 8 slowest scenarios listed, the emulator
// Each round plays every scenario under DIR on the virtual speaker (--target sim) and then
// on a fresh board process (as --target hil --port emulator|qemu does, but with no process
// started ahead, so each start is on the clock; sim-only scenarios are left out of both), so
// noise hits both alike; per scenario the median over the rounds is kept.
// Prints the suite's wall time on each and their ratio, and for the board: the time spent
// starting board processes (spawn to ready: the emulator's ready line, QEMU's UART
// connecting), opening their links (handshake, BoardConfig) and stopping them, the lockstep
// grants (in all, per scenario, those granted where the board already stood, those it ended
// early with news, and the real time from each TimeGrant to its TimeDone: median, p99), the
// frames and bytes each way, and the cost per grant of what is left; then the TOP scenarios
// that cost the most over their sim run.
// Exit 1 when a scenario fails on either target, 2 on bad usage.
#include <algorithm>
#include <array>
#include <cmath>
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
    std::vector<Nanos> grant_trips;  // the last round's
    std::vector<bench::WireCounts::GrantBytes> grant_bytes;  // the same grants' bytes
    std::array<std::uint64_t, 256> bytes_to_host_by_type{}, bytes_to_board_by_type{};
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

// Plays `s` on a fresh board process, counting what crosses its link.
Nanos on_board(const std::string& port, PerScenario& p, bool& passed) {
    auto counts = std::make_shared<bench::WireCounts>();
    runner::WorldMakers makers;
    makers.device = bench::tapped_board(port, counts, 0, false);
    const Nanos wall = timed(p.scenario, makers, passed);
    p.spawn.push_back(counts->board_start);
    p.open.push_back(counts->board_open);
    p.stop.push_back(counts->board_stop);
    p.grant_trips = counts->grant_round_trips;
    p.grant_bytes = counts->grant_bytes;
    for (int t = 0; t < 256; ++t) {
        p.bytes_to_host_by_type[t] = counts->to_host.by_type[t].bytes;
        p.bytes_to_board_by_type[t] = counts->to_board.by_type[t].bytes;
    }
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

// The four message types that took the most wire bytes, with their share.
void print_bytes_by_type(const char* label, const std::array<std::uint64_t, 256>& bytes) {
    std::uint64_t total = 0;
    std::vector<int> types;
    for (int t = 0; t < 256; ++t) {
        total += bytes[t];
        if (bytes[t]) types.push_back(t);
    }
    std::sort(types.begin(), types.end(), [&](int a, int b) { return bytes[a] > bytes[b]; });
    std::printf("%-20s", label);
    for (std::size_t i = 0; i < types.size() && i < 4; ++i)
        std::printf("%s%s %.0f KB (%.0f %%)", i ? ", " : "",
                    std::string(hil::to_string(static_cast<MessageType>(types[i]))).c_str(), bytes[types[i]] / 1000.0,
                    total ? 100.0 * bytes[types[i]] / total : 0.0);
    std::printf("\n");
}

// Least squares over the grants: round trip = fixed + per byte to the board * its bytes +
// per byte to the host * its bytes. Tells what a grant costs before any byte moves (the
// round trip through the transport and the board's wake-up) and what each byte costs on
// this link, and so how much of the time in grants each part explains.
void print_grant_fit(const std::vector<Nanos>& trips, const std::vector<bench::WireCounts::GrantBytes>& bytes) {
    const std::size_t n = std::min(trips.size(), bytes.size());
    if (n < 3) return;
    // Normal equations A^T A x = A^T y for rows (1, to_board, to_host), y in microseconds.
    double m[3][4] = {};
    double sum_y = 0, sum_board = 0, sum_host = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double row[3] = {1.0, static_cast<double>(bytes[i].to_board), static_cast<double>(bytes[i].to_host)};
        const double y = ms(trips[i]) * 1000.0;
        for (int r = 0; r < 3; ++r) {
            for (int c = 0; c < 3; ++c) m[r][c] += row[r] * row[c];
            m[r][3] += row[r] * y;
        }
        sum_y += y;
        sum_board += row[1];
        sum_host += row[2];
    }
    for (int col = 0; col < 3; ++col) {  // Gauss-Jordan with partial pivoting
        int pivot = col;
        for (int r = col + 1; r < 3; ++r)
            if (std::abs(m[r][col]) > std::abs(m[pivot][col])) pivot = r;
        if (std::abs(m[pivot][col]) < 1e-9) return;  // degenerate (e.g. no bytes vary)
        for (int c = 0; c < 4; ++c) std::swap(m[col][c], m[pivot][c]);
        for (int r = 0; r < 3; ++r) {
            if (r == col) continue;
            const double f = m[r][col] / m[col][col];
            for (int c = col; c < 4; ++c) m[r][c] -= f * m[col][c];
        }
    }
    const double fixed = m[0][3] / m[0][0], per_board = m[1][3] / m[1][1], per_host = m[2][3] / m[2][2];
    std::printf("per grant (fit):    %.0f us fixed + %.1f us per byte to the board + %.1f us per byte to the host;"
                " of the %.0f ms in grants: fixed %.0f ms, bytes to the board %.0f ms, to the host %.0f ms\n",
                fixed, per_board, per_host, sum_y / 1000, fixed * n / 1000, per_board * sum_board / 1000,
                per_host * sum_host / 1000);
}

} // namespace

int main(int argc, char** argv) {
    std::string port = "emulator";
    std::vector<std::string> positional;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--port" && i + 1 < argc) port = argv[++i];
        else positional.push_back(a);
    }
    if (port != "emulator" && port != "qemu") {
        std::fprintf(stderr, "error: --port %s: expected emulator or qemu\n"
                             "usage: ringside_bench_hil_suite [DIR] [ROUNDS] [TOP] [--port emulator|qemu]\n",
                     port.c_str());
        return 2;
    }
    const std::string dir = positional.size() > 0 ? positional[0] : "scenarios";
    const int rounds = positional.size() > 1 ? std::max(1, std::atoi(positional[1].c_str())) : 3;
    const int top = positional.size() > 2 ? std::max(0, std::atoi(positional[2].c_str())) : 8;

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
            PerScenario p;
            p.file = f;
            p.scenario = std::move(s);
            all.push_back(std::move(p));
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
            p.hil_wall.push_back(on_board(port, p, passed));
            hil_total += p.hil_wall.back();
        }
        sim_suite.push_back(sim_total);
        hil_suite.push_back(hil_total);
    }

    Nanos spawn_total{0}, open_total{0}, stop_total{0}, hil_total{0};
    std::uint64_t grants = 0, in_place = 0, stopped = 0, to_board = 0, to_host = 0, bytes_board = 0, bytes_host = 0;
    std::vector<std::uint64_t> grants_each;
    std::vector<Nanos> trips;
    std::vector<bench::WireCounts::GrantBytes> trip_bytes;
    std::array<std::uint64_t, 256> by_type_host{}, by_type_board{};
    for (const PerScenario& p : all) {
        trips.insert(trips.end(), p.grant_trips.begin(), p.grant_trips.end());
        trip_bytes.insert(trip_bytes.end(), p.grant_bytes.begin(), p.grant_bytes.end());
        for (int t = 0; t < 256; ++t) {
            by_type_host[t] += p.bytes_to_host_by_type[t];
            by_type_board[t] += p.bytes_to_board_by_type[t];
        }
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

    const char* board = port == "qemu" ? "QEMU" : "emulator";
    const char* ready = port == "qemu" ? "spawn, the image boots, its UART connects" : "PTY, Boost.Process spawn, its ready line";
    const char* closing = port == "qemu" ? "close the socket, kill QEMU, reap it" : "close the PTY, wait for the exit";
    std::printf("scenarios:          %zu under %s (%d sim-only left out), %d rounds, one thread, in process, --port %s\n",
                all.size(), dir.c_str(), sim_only, rounds, port.c_str());
    std::printf("suite wall median:  sim %.3f s, %s %.3f s: %.2fx\n", sim_s, board, hil_s, hil_s / sim_s);
    const auto label = [board](const char* what) {
        std::string l = std::string(board) + " " + what + ":";
        return l + std::string(l.size() < 20 ? 20 - l.size() : 1, ' ');
    };
    std::printf("%s%.0f ms in all, %.1f ms per scenario (%s)\n", label("start").c_str(), ms(spawn_total),
                ms(spawn_total) / all.size(), ready);
    std::printf("link open:          %.0f ms in all, %.1f ms per scenario (handshake, BoardConfig and its Ack)\n",
                ms(open_total), ms(open_total) / all.size());
    std::printf("%s%.0f ms in all, %.1f ms per scenario (%s)\n", label("stop").c_str(), ms(stop_total),
                ms(stop_total) / all.size(), closing);
    std::printf("lockstep grants:    %llu in all; per scenario median %llu, max %llu; %llu where the board already stood,"
                " %llu ended with news\n",
                static_cast<unsigned long long>(grants),
                static_cast<unsigned long long>(grants_each[grants_each.size() / 2]),
                static_cast<unsigned long long>(grants_each.back()), static_cast<unsigned long long>(in_place),
                static_cast<unsigned long long>(stopped));
    Nanos trips_total{0};
    for (Nanos t : trips) trips_total += t;
    std::printf("grant round trip:   median %.3f ms, p99 %.3f ms, max %.3f ms; %.0f ms in all (TimeGrant out to TimeDone"
                " in, real time: the board's work, its frames and the wire; last round)\n",
                ms(bench::percentile(trips, 50)), ms(bench::percentile(trips, 99)), ms(bench::percentile(trips, 100)),
                ms(trips_total));
    std::printf("frames:             %llu to the board (%llu bytes), %llu to the host (%llu bytes)\n",
                static_cast<unsigned long long>(to_board), static_cast<unsigned long long>(bytes_board),
                static_cast<unsigned long long>(to_host), static_cast<unsigned long long>(bytes_host));
    std::printf("the rest:           %.0f ms (playing: the world, the board and %llu grants: %.1f us per grant)\n",
                ms(rest), static_cast<unsigned long long>(grants), grants ? ms(rest) * 1000 / grants : 0.0);
    print_bytes_by_type("bytes to the host:", by_type_host);
    print_bytes_by_type("bytes to the board:", by_type_board);
    print_grant_fit(trips, trip_bytes);

    std::vector<const PerScenario*> order;
    for (const PerScenario& p : all) order.push_back(&p);
    std::sort(order.begin(), order.end(), [](const PerScenario* a, const PerScenario* b) {
        return median(a->hil_wall) - median(a->sim_wall) > median(b->hil_wall) - median(b->sim_wall);
    });
    if (top > 0)
        std::printf("\n%9s %9s %8s %8s  scenario (most %s time over sim first)\n", "sim ms", "hil ms", "start", "grants", board);
    for (int i = 0; i < top && i < static_cast<int>(order.size()); ++i) {
        const PerScenario& p = *order[i];
        std::printf("%9.1f %9.1f %8.1f %8llu  %s\n", ms(median(p.sim_wall)), ms(median(p.hil_wall)), ms(median(p.spawn)),
                    static_cast<unsigned long long>(p.grants), p.file.c_str());
    }
    return passed ? 0 : 1;
}
