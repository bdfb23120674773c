// The firmware's footprint: state per device, heap use after start-up, and the suite's speed.
// usage: ringside_bench_footprint [--check] [DIR]   (default DIR: scenarios)
// Prints sizeof(fw::Speaker) (all firmware RAM state of one device, bytes), the heap
// allocations (operator new and malloc calls) made while firmware code ran during every
// scenario under DIR — after start-up, i.e. inside Speaker::power_on/dispatch, not in its
// constructor; goal 0 — and the wall time of the whole suite (goal: under 5 s).
// --check exits 1 when the firmware allocated or a scenario failed (CTest runs it so).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <new>
#include <string>
#include <vector>

#include "firmware/speaker.hpp"
#include "bench/load_or_exit.hpp"
#include "runner/scenario_error.hpp"
#include "runner/scenario_executor.hpp"
#include "runner/scenario_loader.hpp"
#include "sim/board/firmware_fence.hpp"

namespace {

std::atomic<unsigned long long> g_firmware_news{0};
std::atomic<unsigned long long> g_firmware_mallocs{0};

} // namespace

// glibc's own allocator, under the name it exports for exactly this kind of wrapper.
extern "C" void* __libc_malloc(std::size_t size);

extern "C" void* malloc(std::size_t size) {
    if (ringside::sim::fence::in_firmware()) ++g_firmware_mallocs;
    return __libc_malloc(size);
}

void* operator new(std::size_t size) {
    if (ringside::sim::fence::in_firmware()) ++g_firmware_news;
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

int main(int argc, char** argv) {
    using namespace ringside::runner;
    bool check = false;
    std::string dir = "scenarios";
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--check") check = true;
        else dir = arg;
    }
    const std::vector<std::string> files = ringside::bench::scenario_files_or_exit(dir);

    int failed = 0;
    unsigned long long events = 0;
    const auto start = std::chrono::steady_clock::now();
    for (const std::string& file : files) {
        const unsigned long long before = g_firmware_news + g_firmware_mallocs;
        try {
            const Scenario scenario = load_scenario(file);
            const ScenarioResult result = run_scenario(scenario, scenario.seed);
            events += result.events;
            if (!result.passed()) {
                ++failed;
                std::fprintf(stderr, "FAIL %s: %s\n", file.c_str(), result.failure->message.c_str());
            }
        } catch (const ScenarioError& e) {
            ++failed;
            std::fprintf(stderr, "error: %s\n", e.what());
        }
        const unsigned long long made = g_firmware_news + g_firmware_mallocs - before;
        if (made != 0) std::fprintf(stderr, "firmware heap allocations in %s: %llu\n", file.c_str(), made);
    }
    const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    std::printf("firmware state per device:  %zu bytes (sizeof(fw::Speaker))\n", sizeof(ringside::fw::Speaker));
    std::printf("scenarios:                  %zu under %s (%d failed), %llu events\n", files.size(), dir.c_str(),
                failed, events);
    std::printf("firmware heap after start:  %llu operator new, %llu malloc (goal 0)\n",
                static_cast<unsigned long long>(g_firmware_news), static_cast<unsigned long long>(g_firmware_mallocs));
    std::printf("suite wall time:            %.3f s, one thread (goal under 5 s)\n", wall_s);
    if (!check) return 0;
    return (failed == 0 && g_firmware_news == 0 && g_firmware_mallocs == 0) ? 0 : 1;
}
