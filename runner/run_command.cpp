#include "runner/run_command.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <set>

#include "reports/html_report.hpp"
#include "reports/junit_writer.hpp"
#include "reports/results_json.hpp"
#include "reports/signal_timeline.hpp"
#include "reports/trace_event_writer.hpp"
#include "reports/trace_writer.hpp"
#include "reports/vcd_writer.hpp"
#include "runner/result_redaction.hpp"
#include "runner/scenario_error.hpp"
#include "runner/scenario_executor.hpp"
#include "runner/scenario_loader.hpp"
#include "runner/target.hpp"
#include "sim/cloud_client/remote_cloud.hpp"

namespace ringside::runner {
namespace fs = std::filesystem;
namespace {

ScenarioResult timed_run(const Scenario& s, std::uint64_t seed, const WorldMakers& makers, double& wall_seconds) {
    const auto start = std::chrono::steady_clock::now();
    ScenarioResult r = run_scenario(s, seed, makers);
    wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    redact_secrets(r);  // before anything prints or writes it
    return r;
}

std::string repro_line(const RunOptions& o, const ScenarioResult& r) {
    std::string line = o.program + " run " + r.file + " --seed " + std::to_string(r.seed) +
                       (o.cloud_url.empty() ? "" : " --cloud " + o.cloud_url);
    // A failure on a board replays on that board, not on the virtual speaker.
    if (o.target == RunOptions::Target::Hil) {
        line += " --target hil --port " + o.port;
        if (o.baud != RunOptions{}.baud) line += " --baud " + std::to_string(o.baud);
        if (o.board_timeout) line += " --board-timeout " + format_duration(*o.board_timeout);
    }
    return line;
}

} // namespace

std::string failure_text(const RunOptions& o, const ScenarioResult& r) {
    const StepFailure& f = *r.failure;
    return "step " + std::to_string(f.step_number) + " at " + f.where.file + ":" + std::to_string(f.where.line) + ": " +
           f.step_text + "\nat virtual " + format_timestamp(f.at) + ", seed " + std::to_string(r.seed) + ": " + f.message +
           "\nrepro: " + repro_line(o, r);
}

void write_indented(std::ostream& out, const std::string& text, const std::string& indent) {
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = text.find('\n', start);
        out << indent << text.substr(start, end - start) << "\n";
        if (end == std::string::npos) break;
        start = end + 1;
    }
}

namespace {

void print_result(std::ostream& out, const RunOptions& o, const Run& run) {
    if (run.skipped) {
        out << "SKIP  " << run.scenario.name << "  " << run.scenario.where.file << "  (sim only: " << run.scenario.sim_only << ")\n";
        return;
    }
    const ScenarioResult& r = run.result;
    char wall[32];
    std::snprintf(wall, sizeof wall, "%.0f ms", run.wall_seconds * 1000);
    out << (r.passed() ? "PASS  " : r.lost ? "ERROR " : "FAIL  ") << r.name << "  " << r.file << "  (virtual " << format_timestamp(r.virtual_end)
        << ", wall " << wall << ")\n";
    if (r.passed()) return;
    write_indented(out, failure_text(o, r));
}

// One trace file per scenario, named after the scenario file; later duplicates get -2, -3.
std::vector<std::string> trace_names(const std::vector<Run>& runs) {
    std::vector<std::string> names;
    std::map<std::string, int> used;
    for (const auto& run : runs) {
        const std::string stem = fs::path(run.scenario.where.file).stem().string();
        const int n = ++used[stem];
        names.push_back(n == 1 ? stem : stem + "-" + std::to_string(n));
    }
    return names;
}

void create_parent(const std::string& file) {
    const fs::path parent = fs::path(file).parent_path();
    std::error_code ec;
    if (!parent.empty()) fs::create_directories(parent, ec);
    if (ec) throw UsageError("cannot write " + file + ": cannot make its folder (" + ec.message() + ")");
}

bool is_scenario_file(const fs::path& p) { return p.extension() == ".yaml" || p.extension() == ".yml"; }

template <class Write>
void write_report_file(const std::string& file, const char* what, Write write) {
    create_parent(file);
    std::ofstream f(file, std::ios::binary);
    write(f);
    if (!f) throw UsageError(std::string("cannot write ") + what + " " + file);
}

std::string skipped_because(const Run& run) { return "sim only: " + run.scenario.sim_only; }

std::vector<reports::JUnitCase> junit_cases(const RunOptions& o, const std::vector<Run>& runs) {
    std::vector<reports::JUnitCase> cases;
    for (const auto& run : runs) {
        reports::JUnitCase c;
        c.name = run.scenario.name;
        c.classname = run.scenario.where.file;
        c.seconds = run.wall_seconds;
        if (run.skipped) {
            c.skipped = skipped_because(run);
        } else if (!run.result.passed()) {
            c.failed = true;
            c.failure_message = run.result.failure->message;
            c.failure_text = failure_text(o, run.result);
        }
        cases.push_back(std::move(c));
    }
    return cases;
}

std::vector<reports::ResultRecord> result_records(const RunOptions& o, const std::vector<Run>& runs) {
    std::vector<reports::ResultRecord> records;
    for (const auto& run : runs) {
        reports::ResultRecord rec;
        rec.name = run.scenario.name;
        rec.file = run.scenario.where.file;
        rec.wall_seconds = run.wall_seconds;
        if (run.skipped) {
            rec.verdict = reports::ResultRecord::Verdict::Skipped;
            rec.skipped_because = skipped_because(run);
        } else {
            const ScenarioResult& r = run.result;
            rec.seed = r.seed;
            rec.virtual_seconds = static_cast<double>(r.virtual_end.count()) / 1000.0;
            rec.repro = repro_line(o, r);
            if (!r.passed()) {
                const StepFailure& f = *r.failure;
                rec.verdict = reports::ResultRecord::Verdict::Failed;
                rec.failed_step = reports::FailedStep{f.step_number, f.step_text, f.where.file, f.where.line,
                                                      static_cast<double>(f.at.count()) / 1000.0, f.message};
            }
        }
        records.push_back(std::move(rec));
    }
    return records;
}

} // namespace

// Expands folders (recursively, sorted, so runs and shards are stable) into scenario files.
std::vector<std::string> collect_files(const std::vector<std::string>& paths) {
    std::vector<std::string> files;
    for (const auto& path : paths) {
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            std::vector<std::string> found;
            for (const auto& entry : fs::recursive_directory_iterator(path))
                if (entry.is_regular_file() && is_scenario_file(entry.path())) found.push_back(entry.path().string());
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        } else if (fs::is_regular_file(path, ec)) {
            files.push_back(path);
        } else {
            throw UsageError("no such scenario file or folder: " + path);
        }
    }
    return files;
}

void write_reports(const RunOptions& o, const std::vector<Run>& runs) {
    if (!o.trace_dir.empty()) {
        fs::create_directories(o.trace_dir);
        const auto names = trace_names(runs);
        for (std::size_t i = 0; i < runs.size(); ++i) {
            if (runs[i].skipped) continue;
            const ScenarioResult& r = runs[i].result;
            const fs::path base = fs::path(o.trace_dir) / names[i];
            std::ofstream raw(base.string() + ".jsonl", std::ios::binary);
            reports::write_trace_jsonl(raw, r.trace);
            const reports::SignalTimeline timeline = reports::read_timeline(r.trace, r.virtual_end);
            std::ofstream vcd(base.string() + ".vcd", std::ios::binary);
            reports::write_vcd(vcd, timeline, r.name);
            std::ofstream events(base.string() + ".trace.json", std::ios::binary);
            reports::write_trace_events(events, timeline, r.name);
            if (!raw || !vcd || !events) throw UsageError("cannot write trace files into " + o.trace_dir);
        }
    }
    if (!o.html_file.empty()) {
        std::vector<reports::ScenarioReport> scenarios;
        for (const auto& run : runs) {
            if (run.skipped) continue;
            const ScenarioResult& r = run.result;
            reports::ScenarioReport s{r.name, r.file, r.seed, r.passed(), r.passed() ? "" : failure_text(o, r),
                                      r.virtual_end, run.wall_seconds, {}, r.trace, r.journal, r.sign_in_times};
            for (const StepRecord& step : r.steps) s.steps.push_back({step.started, step.ended, step.text, step.line, step.held});
            scenarios.push_back(std::move(s));
        }
        write_report_file(o.html_file, "HTML report", [&](std::ostream& f) { reports::write_html_report(f, scenarios); });
    }
    if (!o.junit_file.empty())
        write_report_file(o.junit_file, "JUnit report", [&](std::ostream& f) { reports::write_junit(f, "ringside", junit_cases(o, runs)); });
    if (!o.json_file.empty())
        write_report_file(o.json_file, "JSON results", [&](std::ostream& f) { reports::write_results_json(f, result_records(o, runs)); });
}

namespace {

bool selected(const RunOptions& o, const Scenario& s) {
    for (const auto& t : o.skip_tags)
        if (std::find(s.tags.begin(), s.tags.end(), t) != s.tags.end()) return false;
    if (o.tags.empty()) return true;
    for (const auto& t : o.tags)
        if (std::find(s.tags.begin(), s.tags.end(), t) != s.tags.end()) return true;
    return false;
}

} // namespace

int run_command(const RunOptions& o, std::ostream& out, std::ostream& err) {
    try {
        std::vector<std::string> files = collect_files(o.paths);
        std::vector<std::string> shard;
        for (std::size_t i = 0; i < files.size(); ++i)
            if (static_cast<int>(i % o.shard_count) == o.shard_index - 1) shard.push_back(files[i]);

        // Load everything first: a typo anywhere stops the run before minutes are spent.
        std::vector<Run> runs;
        int load_errors = 0;
        for (const auto& file : shard) {
            try {
                Scenario s = load_scenario(file);
                if (selected(o, s)) {
                    const bool skipped = o.target == RunOptions::Target::Hil && !s.sim_only.empty();
                    runs.push_back(Run{std::move(s), {}, 0, skipped});
                }
            } catch (const ScenarioError& e) {
                err << "error: " << e.what() << "\n";
                ++load_errors;
            }
        }
        if (load_errors) {
            err << load_errors << " scenario file(s) could not be read; nothing was run\n";
            return 2;
        }
        if (runs.empty()) {
            err << "error: no scenario selected (files: " << files.size() << ", shard " << o.shard_index << "/"
                << o.shard_count << (o.tags.empty() && o.skip_tags.empty() ? "" : ", tags given") << ")\n";
            return 2;
        }

        const WorldMakers makers = world_makers(o);  // a wrong URL, token, CA or port: one usage error

        // Scenarios are independent worlds: run them on -j workers, report in file order.
        std::vector<std::future<void>> pending;
        std::size_t next = 0, printed = 0;
        int failed = 0, lost = 0, skipped = 0;
        auto launch = [&] {
            Run& run = runs[next++];
            const std::uint64_t seed = o.seed ? *o.seed : run.scenario.seed;
            if (run.skipped) {
                pending.push_back(std::async(std::launch::deferred, [] {}));
                return;
            }
            pending.push_back(std::async(std::launch::async, [&run, seed, &makers] {
                run.result = timed_run(run.scenario, seed, makers, run.wall_seconds);
            }));
        };
        while (printed < runs.size()) {
            while (next < runs.size() && next - printed < static_cast<std::size_t>(o.jobs)) launch();
            if (o.progress) {
                // One status line, redrawn in place, erased before the result line.
                out << "\r\033[K[" << printed + 1 << "/" << runs.size() << ", " << failed << " failed] "
                    << runs[printed].scenario.name << std::flush;
            }
            pending[printed].get();
            if (o.progress) out << "\r\033[K";
            print_result(out, o, runs[printed]);
            skipped += runs[printed].skipped ? 1 : 0;
            failed += runs[printed].skipped || runs[printed].result.passed() ? 0 : 1;
            lost += runs[printed].result.lost ? 1 : 0;
            ++printed;
            out.flush();
        }
        write_reports(o, runs);
        out << static_cast<int>(runs.size()) - failed - skipped << " passed, " << failed << " failed";
        if (skipped) out << ", " << skipped << " skipped (sim only)";
        out << "\n";
        if (lost) {
            err << "error: " << lost << " scenario(s) lost the cloud or the board; their verdicts say nothing about the firmware\n";
            return 2;
        }
        return failed ? 1 : 0;
    } catch (const cloud::CloudLost& e) {
        err << "error: " << e.what() << "\n";
        return 2;
    } catch (const UsageError& e) {
        err << "error: " << e.what() << "\n";
        return 2;
    } catch (const fs::filesystem_error& e) {
        err << "error: " << e.what() << "\n";
        return 2;
    }
}

} // namespace ringside::runner
