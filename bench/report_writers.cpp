// Report generation in process: the suite is played once, then each writer formats the
// whole suite's report ROUNDS times into memory (formatting only — no disk; the CLI figure
// of bench/report_generation.sh includes the writes). Inputs are redacted as the CLI's are.
// usage: ringside_bench_report_writers [DIR] [ROUNDS]   (default: scenarios, 15 rounds)
// Prints, per writer, the median (min, max) milliseconds for the whole suite and the bytes
// it wrote; the HTML is one file, the others one file per scenario, summed.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "bench/load_or_exit.hpp"
#include "reports/html_report.hpp"
#include "reports/junit_writer.hpp"
#include "reports/signal_timeline.hpp"
#include "reports/trace_event_writer.hpp"
#include "reports/trace_writer.hpp"
#include "reports/vcd_writer.hpp"
#include "runner/result_redaction.hpp"
#include "runner/scenario_executor.hpp"

namespace {

using namespace ringside;
using Clock = std::chrono::steady_clock;

struct Played {
    runner::ScenarioResult result;
    double wall_seconds = 0;
};

// ROUNDS runs of `write` (which returns the bytes it wrote); prints the figures.
void time_writer(const char* name, int rounds, const std::function<std::size_t()>& write) {
    std::vector<double> ms;
    std::size_t bytes = 0;
    for (int i = 0; i < rounds; ++i) {
        const auto start = Clock::now();
        bytes = write();
        ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("%-22s %9.2f %9.2f %9.2f %12zu\n", name, ms[ms.size() / 2], ms.front(), ms.back(), bytes);
}

} // namespace

int main(int argc, char** argv) {
    const std::string dir = argc > 1 ? argv[1] : "scenarios";
    const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 15;
    const std::vector<std::string> files = bench::scenario_files_or_exit(dir);

    std::vector<Played> suite;
    std::size_t records = 0, requests = 0, steps = 0;
    for (const std::string& file : files) {
        const runner::Scenario scenario = bench::load_or_exit(file);
        Played p;
        const auto start = Clock::now();
        p.result = runner::run_scenario(scenario, scenario.seed);
        p.wall_seconds = std::chrono::duration<double>(Clock::now() - start).count();
        runner::redact_secrets(p.result);
        records += p.result.trace.size();
        requests += p.result.journal.size();
        steps += p.result.steps.size();
        suite.push_back(std::move(p));
    }

    std::printf("suite: %s, %zu scenarios, %zu trace records, %zu cloud requests, %zu steps; %d rounds per writer\n",
                dir.c_str(), suite.size(), records, requests, steps, rounds);
    std::printf("%-22s %9s %9s %9s %12s\n", "writer (whole suite)", "median_ms", "min_ms", "max_ms", "bytes");
    time_writer("html (one file)", rounds, [&] {
        // As the CLI does it: the report's inputs are copied from the results, then written.
        std::vector<reports::ScenarioReport> scenarios;
        for (const Played& p : suite) {
            const runner::ScenarioResult& r = p.result;
            reports::ScenarioReport s{r.name, r.file, r.seed, r.passed(), r.passed() ? "" : r.failure->message,
                                      r.virtual_end, p.wall_seconds, {}, r.trace, r.journal};
            for (const auto& step : r.steps) s.steps.push_back({step.started, step.ended, step.text, step.line, step.held});
            scenarios.push_back(std::move(s));
        }
        std::ostringstream out;
        reports::write_html_report(out, scenarios);
        return out.str().size();
    });
    time_writer("vcd (per scenario)", rounds, [&] {
        std::size_t bytes = 0;
        for (const Played& p : suite) {
            std::ostringstream out;
            reports::write_vcd(out, reports::read_timeline(p.result.trace, p.result.virtual_end), p.result.name);
            bytes += out.str().size();
        }
        return bytes;
    });
    time_writer("trace-event json", rounds, [&] {
        std::size_t bytes = 0;
        for (const Played& p : suite) {
            std::ostringstream out;
            reports::write_trace_events(out, reports::read_timeline(p.result.trace, p.result.virtual_end), p.result.name);
            bytes += out.str().size();
        }
        return bytes;
    });
    time_writer("trace jsonl", rounds, [&] {
        std::size_t bytes = 0;
        for (const Played& p : suite) {
            std::ostringstream out;
            reports::write_trace_jsonl(out, p.result.trace);
            bytes += out.str().size();
        }
        return bytes;
    });
    time_writer("junit (one file)", rounds, [&] {
        std::vector<reports::JUnitCase> cases;
        for (const Played& p : suite) {
            reports::JUnitCase c;
            c.name = p.result.name;
            c.classname = p.result.file;
            c.seconds = p.wall_seconds;
            c.failed = !p.result.passed();
            if (c.failed) c.failure_message = c.failure_text = p.result.failure->message;
            cases.push_back(std::move(c));
        }
        std::ostringstream out;
        reports::write_junit(out, "ringside", cases);
        return out.str().size();
    });
    return 0;
}
