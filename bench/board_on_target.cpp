// A board's memory as measured on the target while it plays the scenario suite, against
// issue 11's budget: the STM32F405 image in QEMU (`--port qemu`, a fresh QEMU per scenario, as
// `ringside run --target hil --port qemu` plays them) or a physical board on a serial port.
// After each scenario, just before the host lets go of the link, the board answers
// QueryBoardStats (BoardDeviceOptions::on_close_stats): its painted stack's high-water mark,
// heap allocations after init, static RAM (.data + .bss from its linker symbols), the image's
// flash and the UART's lost bytes. The worst over all scenarios is what counts; then the
// image's map (bench/board_map.hpp) gives flash and RAM per module.
//
// usage: ringside_bench_board_on_target [--check] [--skip-if-missing] [-j N] [--port PORT]
//                                       [--map MAP] [--source DIR] [--top N] [PATH...]
//   PATH               scenario files or folders (default: scenarios); sim-only ones are left out
//   --port PORT        qemu (default), emulator (announces no stats: nothing to measure), or a
//                      board's serial port / tcp:HOST:PORT (then -j 1)
//   -j N               scenarios at once, each on its own QEMU (default 1)
//   --map MAP          the image's linker map (default: the QEMU image's, <image>.map)
//   --source DIR       the source tree, to place archive members in their folder (default .)
//   --top N            list the N scenarios with the deepest stack (default 8)
//   --check            exit 1 when a figure is over budget, a scenario failed or a board did
//                      not answer QueryBoardStats after one
//   --skip-if-missing  exit 77 (CTest's "skipped") when the board image was not built
// Budget: static RAM (.data + .bss) at most 32 KiB, flash at most 128 KiB, no heap allocation
// after init, stack high-water at most 75 % of the stack the board reserves.
// Exit: 0 (within budget, or no --check), 1 over budget or a failure with --check, 2 bad
// usage, 77 skipped.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include "bench/board_map.hpp"
#include "bench/load_or_exit.hpp"
#include "hil/host/board_device.hpp"
#include "hil/host/qemu_process.hpp"
#include "runner/scenario_executor.hpp"

namespace fs = std::filesystem;
using namespace ringside;

namespace {

constexpr int kSkipped = 77;
constexpr double kStackShareBudget = 0.75;  // of the reserved stack

struct Played {
    std::string file;
    runner::Scenario scenario;
    bool passed = false;
    std::string failure;
    std::optional<hil::BoardStats> stats;  // the worst of its worlds' answers (usually one world)
    std::string no_stats;                  // why a world had none
    double wall_s = 0;
};

// The scenario a worker thread is playing: the device's destructor calls back on that thread.
thread_local Played* playing = nullptr;

void keep_worst(hil::BoardStats& worst, const hil::BoardStats& s) {
    worst.stack_size = std::max(worst.stack_size, s.stack_size);
    worst.stack_high_water = std::max(worst.stack_high_water, s.stack_high_water);
    worst.heap_allocations_after_init = std::max(worst.heap_allocations_after_init, s.heap_allocations_after_init);
    worst.static_ram = std::max(worst.static_ram, s.static_ram);
    worst.flash_used = std::max(worst.flash_used, s.flash_used);
    worst.rx_overruns += s.rx_overruns;
    worst.uptime_ms = std::max(worst.uptime_ms, s.uptime_ms);
}

int usage(const std::string& why) {
    std::fprintf(stderr,
                 "error: %s\nusage: ringside_bench_board_on_target [--check] [--skip-if-missing] [-j N] [--port PORT]\n"
                 "                                      [--map MAP] [--source DIR] [--top N] [PATH...]\n",
                 why.c_str());
    return 2;
}

const char* verdict(bool ok) { return ok ? "within budget" : "OVER BUDGET"; }

} // namespace

int main(int argc, char** argv) {
    bool check = false, skip_if_missing = false;
    int jobs = 1, top = 8;
    std::string port = "qemu", map_path;
    fs::path source = ".";
    std::vector<std::string> paths;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
            return argv[++i];
        };
        try {
            if (a == "--check") check = true;
            else if (a == "--skip-if-missing") skip_if_missing = true;
            else if (a == "-j") jobs = std::max(1, std::stoi(value()));
            else if (a == "--port") port = value();
            else if (a == "--map") map_path = value();
            else if (a == "--source") source = value();
            else if (a == "--top") top = std::max(0, std::stoi(value()));
            else if (!a.empty() && a[0] == '-') return usage("unknown option " + a);
            else paths.push_back(a);
        } catch (const std::exception& e) {
            return usage(e.what());
        }
    }
    if (paths.empty()) paths.push_back("scenarios");
    const bool harness_started = port == "qemu" || port == "emulator";
    if (!harness_started) jobs = 1;  // one physical board
    if (port == "qemu") {
        const std::string qemu = hil::QemuProcess::qemu(), image = hil::QemuProcess::image();
        // No image: the board build was not made (skipped, as the map-only bench). No QEMU on
        // a machine that builds images is a broken setup (scripts/setup installs it): an error.
        if (::access(image.c_str(), R_OK) != 0) {
            const std::string missing = "no board image at " + image + " (scripts/build-board)";
            if (!skip_if_missing) return usage(missing);
            std::printf("skipped: %s\n", missing.c_str());
            return kSkipped;
        }
        if (qemu.empty() || ::access(qemu.c_str(), X_OK) != 0)
            return usage("no qemu-system-arm (scripts/setup installs it; or set RINGSIDE_QEMU)");
        if (map_path.empty()) map_path = image + ".map";
    }

    std::vector<Played> all;
    int sim_only = 0;
    for (const std::string& path : paths) {
        const std::vector<std::string> files =
            fs::is_directory(path) ? bench::scenario_files_or_exit(path) : std::vector<std::string>{path};
        for (const std::string& f : files) {
            runner::Scenario s = bench::load_or_exit(f);
            if (!s.sim_only.empty()) {
                ++sim_only;
                continue;
            }
            Played p;
            p.file = f;
            p.scenario = std::move(s);
            all.push_back(std::move(p));
        }
    }
    if (all.empty()) return usage("no scenario that a board can play under the given paths");

    hil::BoardDeviceOptions options;
    options.on_close_stats = [](const std::optional<hil::BoardStats>& stats, const std::string& why_not) {
        if (!playing) return;  // a spare board nobody played on
        if (!stats) {
            playing->no_stats = why_not;
            return;
        }
        if (!playing->stats) playing->stats = hil::BoardStats{};
        keep_worst(*playing->stats, *stats);
    };
    runner::WorldMakers makers;
    makers.device = hil::board_device_factory(port, 115200, options);

    // Workers take the next scenario; every scenario is its own world on its own board.
    const auto started = std::chrono::steady_clock::now();
    std::atomic<std::size_t> next{0};
    std::mutex print;
    const auto work = [&] {
        for (std::size_t i; (i = next++) < all.size();) {
            Played& p = all[i];
            playing = &p;
            const auto start = std::chrono::steady_clock::now();
            const runner::ScenarioResult r = runner::run_scenario(p.scenario, p.scenario.seed, makers);
            playing = nullptr;
            p.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            p.passed = r.passed();
            if (!p.passed) {
                p.failure = r.failure->message;
                std::lock_guard<std::mutex> lock(print);
                std::fprintf(stderr, "FAIL %s: %s\n", p.file.c_str(), p.failure.c_str());
            }
        }
    };
    std::vector<std::thread> workers;
    for (int j = 0; j < jobs; ++j) workers.emplace_back(work);
    for (std::thread& t : workers) t.join();
    const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    hil::BoardStats worst;
    const Played* deepest = nullptr;
    int failed = 0, measured = 0;
    for (const Played& p : all) {
        failed += p.passed ? 0 : 1;
        if (!p.stats) continue;
        ++measured;
        keep_worst(worst, *p.stats);
        if (!deepest || p.stats->stack_high_water > deepest->stats->stack_high_water) deepest = &p;
    }

    std::string where;
    for (const std::string& p : paths) where += (where.empty() ? "" : " ") + p;
    std::printf("board on target: %zu scenarios (%s; %d sim-only left out) on --port %s, -j %d, %.1f s\n", all.size(),
                where.c_str(), sim_only, port.c_str(), jobs, wall_s);
    std::printf("played:           %zu passed, %d failed; board stats after %d of them\n", all.size() - failed, failed,
                measured);
    for (const Played& p : all)
        if (!p.stats) std::printf("  no stats after %s: %s\n", p.file.c_str(), p.no_stats.empty() ? "the board was never asked (it announced no kCapBoardStats, or no board was opened)" : p.no_stats.c_str());

    bool ok = failed == 0 && measured == static_cast<int>(all.size());
    if (measured > 0) {
        const std::uint32_t stack_limit = static_cast<std::uint32_t>(worst.stack_size * kStackShareBudget);
        const bool stack_ok = worst.stack_high_water <= stack_limit;
        const bool heap_ok = worst.heap_allocations_after_init == 0;
        const bool ram_ok = worst.static_ram <= bench::kBoardRamBudget;
        const bool flash_ok = worst.flash_used <= bench::kBoardFlashBudget;
        ok = ok && stack_ok && heap_ok && ram_ok && flash_ok;
        std::printf("\nmeasured by the board (worst over the scenarios):\n");
        std::printf("flash used:       %6u B of %6llu B (%s): %s\n", worst.flash_used,
                    static_cast<unsigned long long>(bench::kBoardFlashBudget), bench::kib(worst.flash_used).c_str(),
                    verdict(flash_ok));
        std::printf("static RAM:       %6u B of %6llu B (.data + .bss, %s): %s\n", worst.static_ram,
                    static_cast<unsigned long long>(bench::kBoardRamBudget), bench::kib(worst.static_ram).c_str(),
                    verdict(ram_ok));
        std::printf("stack high-water: %6u B of %6u B reserved (%.1f %%; at most %.0f %% = %u B): %s; deepest: %s\n",
                    worst.stack_high_water, worst.stack_size,
                    worst.stack_size ? 100.0 * worst.stack_high_water / worst.stack_size : 0.0, kStackShareBudget * 100,
                    stack_limit, verdict(stack_ok), deepest->file.c_str());
        std::printf("heap after init:  %6u allocations (goal 0): %s\n", worst.heap_allocations_after_init, verdict(heap_ok));
        std::printf("rx overruns:      %6u bytes lost by the UART, all scenarios together\n", worst.rx_overruns);

        std::vector<const Played*> order;
        for (const Played& p : all)
            if (p.stats) order.push_back(&p);
        std::sort(order.begin(), order.end(), [](const Played* a, const Played* b) {
            return a->stats->stack_high_water > b->stats->stack_high_water;
        });
        if (top > 0) std::printf("\n%8s %9s %8s  scenario (deepest stack first)\n", "stack B", "uptime s", "wall s");
        for (int i = 0; i < top && i < static_cast<int>(order.size()); ++i)
            std::printf("%8u %9.1f %8.1f  %s\n", order[i]->stats->stack_high_water, order[i]->stats->uptime_ms / 1000.0,
                        order[i]->wall_s, order[i]->file.c_str());
    }

    if (!map_path.empty()) {
        std::string error;
        const std::optional<bench::MapFigures> map = bench::read_board_map(map_path, source, error);
        if (!map) {
            std::printf("\nno map: %s\n", error.c_str());
        } else {
            std::printf("\nflash and static RAM per module, from %s:\n", map_path.c_str());
            bench::print_board_map(stdout, *map);
            ok = ok && map->flash_within_budget() && map->ram_within_budget();
            // The map is the linker's view of an image; the board reports the one it runs.
            if (measured > 0 && (map->flash() != worst.flash_used || map->ram != worst.static_ram))
                std::printf("note: the map (%llu B flash, %llu B RAM) is not of the image the board ran (%u B, %u B)\n",
                            static_cast<unsigned long long>(map->flash()), static_cast<unsigned long long>(map->ram),
                            worst.flash_used, worst.static_ram);
        }
    }
    std::printf("\nbudget: %s\n", ok ? "met" : "NOT met");
    return check && !ok ? 1 : 0;
}
