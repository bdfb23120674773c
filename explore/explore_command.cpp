#include "explore/explore_command.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "explore/explorer.hpp"
#include "explore/isolated.hpp"
#include "runner/result_redaction.hpp"
#include "runner/run_command.hpp"
#include "runner/scenario_error.hpp"
#include "runner/scenario_loader.hpp"
#include "runner/scenario_node.hpp"
#include "runner/target.hpp"
#include "sim/cloud_client/remote_cloud.hpp"

namespace ringside::explore {
namespace fs = std::filesystem;
using runner::UsageError;

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// One property broken in one scenario: the first run that broke it, shrunk.
struct Report {
    std::size_t subject = 0;
    runner::Property property{};
    int run = 0;
    std::size_t drawn = 0;  // faults before shrinking
    std::string crash;      // how its child died (no_crash only)
    Shrunk shrunk;
    runner::ScenarioResult result;  // the shrunk schedule's run (for no_crash: no run, a note)
    std::string file;       // the repro scenario written
    bool reproduced = false;  // `ringside run` of the file breaks the same property
};

void progress_bar(std::ostream& out, std::size_t done, std::size_t total, int broken, double seconds) {
    const int width = 30;
    const int filled = total ? static_cast<int>(width * done / total) : width;
    out << "\r\033[K[" << std::string(filled, '#') << std::string(width - filled, '.') << "] " << done << "/" << total
        << " runs, " << broken << " broken, " << static_cast<long long>(seconds > 0 ? done / seconds : 0) << " runs/s"
        << std::flush;
}

} // namespace

ExploreOptions parse_explore_options(const std::vector<std::string>& args, const std::string& program) {
    ExploreOptions o;
    std::vector<std::string> rest;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= args.size()) throw UsageError(a + " needs a value");
            return args[++i];
        };
        if (a == "--runs") {
            o.runs = static_cast<int>(runner::parse_number(a, value(), 1, 10'000'000));
        } else if (a == "--seed") {
            o.seed = static_cast<std::uint64_t>(runner::parse_number(a, value(), 0, 1LL << 53));
        } else if (a == "--faults") {
            o.kinds.clear();
            std::stringstream list(value());
            for (std::string name; std::getline(list, name, ',');) {
                if (name == "all") {
                    o.kinds = all_fault_kinds();
                    continue;
                }
                const auto kind = parse_fault_kind(name);
                if (!kind) throw UsageError("--faults: unknown fault '" + name + "'; expected all or any of: " + runner::join(fault_kind_names()));
                o.kinds.push_back(*kind);
            }
            if (o.kinds.empty()) throw UsageError("--faults needs at least one fault kind");
        } else if (a == "--out") {
            o.out_dir = value();
        } else if (a == "--shrink-budget") {
            o.shrink_budget = static_cast<int>(runner::parse_number(a, value(), 0, 100'000));
        } else if (a == "--plant") {
            const std::string name = value();
            o.plant = sim::parse_planted_defect(name);
            if (!o.plant || *o.plant == sim::PlantedDefect::None)
                throw UsageError("--plant: unknown defect '" + name + "'; expected one of: " +
                                 runner::join({sim::planted_defect_names().begin() + 1, sim::planted_defect_names().end()}));
        } else if (a == "--target" || a == "--port" || a == "--tag" || a == "--shard" || a == "--trace") {
            throw UsageError(a + " is not an explore option (explore plays the virtual speaker)");
        } else {
            rest.push_back(a);
        }
    }
    o.run = runner::parse_run_options(rest, program);
    o.paths = o.run.paths;
    return o;
}

int explore_command(const ExploreOptions& o, std::ostream& out, std::ostream& err) {
    try {
        const runner::WorldMakers makers = runner::world_makers(o.run);
        // Load everything first: a bad file is exit 2 before anything runs.
        std::vector<std::pair<runner::Scenario, std::string>> loaded;
        int load_errors = 0;
        for (const std::string& file : runner::collect_files(o.paths)) {
            try {
                runner::Scenario s = runner::load_scenario(file);
                // The properties speak of one speaker and its requests (a request rate, a
                // poll interval): in a world of several they would add up the fleet's.
                if (s.world.speakers.size() > 1) {
                    out << "skipped " << file << ": a world of " << s.world.speakers.size()
                        << " speakers (explore plays worlds of one)\n";
                    continue;
                }
                if (o.plant) s.world.plant = *o.plant;
                loaded.emplace_back(std::move(s), read_file(file));
            } catch (const runner::ScenarioError& e) {
                err << "error: " << e.what() << "\n";
                ++load_errors;
            }
        }
        if (load_errors) {
            err << load_errors << " scenario file(s) could not be read; nothing was explored\n";
            return 2;
        }
        if (loaded.empty()) throw UsageError("no scenario to explore");

        const auto started = std::chrono::steady_clock::now();
        const auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
        const auto broken_by = [](const Outcome& o) -> std::optional<runner::Property> {
            if (o.code == kCrashed) return runner::Property::NoCrash;
            if (o.code == 0) return std::nullopt;
            return static_cast<runner::Property>(o.code - 1);
        };

        // Each scenario without faults, first in a child (a crash there is a finding too),
        // then here, where its result and horizon are kept.
        std::vector<Subject> subjects(loaded.size());
        std::vector<Outcome> baselines(loaded.size());
        for (std::size_t i = 0; i < loaded.size(); ++i) {
            baselines[i] = run_one_isolated([&] { return outcome_code(prepare(loaded[i].first, loaded[i].second, makers).baseline); });
            if (baselines[i].code == kCrashed) {
                subjects[i].scenario = loaded[i].first;
                subjects[i].text = loaded[i].second;
                subjects[i].baseline.name = loaded[i].first.name;
                subjects[i].baseline.file = loaded[i].first.where.file;
                continue;
            }
            subjects[i] = prepare(std::move(loaded[i].first), std::move(loaded[i].second), makers);
        }

        // Every (scenario, run) in child processes, -j at once; outcomes kept by index, so
        // the findings do not depend on which child ran what.
        const std::size_t per = static_cast<std::size_t>(o.runs);
        const std::size_t total = subjects.size() * per;
        int broken = 0;
        std::vector<Outcome> outcomes = run_isolated(
            total, o.run.jobs, kRunsPerChild,
            [&](std::size_t task) {
                const Subject& subject = subjects[task / per];
                if (baselines[task / per].code == kCrashed) return std::uint8_t{0};  // its crash is the finding
                const int run = static_cast<int>(task % per);
                return outcome_code(play(subject, schedule_of(subject, o.seed, run, o.kinds), makers));
            },
            [&](std::size_t done, const Outcome& outcome) {
                broken += outcome.code != 0 ? 1 : 0;
                if (o.run.progress && (done % 16 == 0 || done == total)) progress_bar(out, done, total, broken, elapsed());
            });
        const double explore_seconds = elapsed();
        if (o.run.progress) out << "\r\033[K";

        // Baseline findings (no faults) and the first run that broke each property, per scenario.
        std::vector<Report> reports;
        std::map<runner::Property, int> by_property;
        for (std::size_t si = 0; si < subjects.size(); ++si) {
            std::map<runner::Property, bool> seen;
            if (const auto p = broken_by(baselines[si])) {
                seen[*p] = true;
                ++by_property[*p];
                reports.push_back({si, *p, -1, 0, baselines[si].how, {}, {}, {}, false});
            }
            for (std::size_t run = 0; run < per; ++run) {
                const Outcome& f = outcomes[si * per + run];
                const auto p = broken_by(f);
                if (!p) continue;
                ++by_property[*p];
                if (seen[*p]) continue;
                seen[*p] = true;
                reports.push_back({si, *p, static_cast<int>(run), 0, f.how, {}, {}, {}, false});
            }
        }

        // Shrink each (every candidate in a child), write it as a scenario, and check that
        // `ringside run` reproduces it: here for a property, in a child for a crash.
        if (!reports.empty()) fs::create_directories(o.out_dir);
        for (Report& rep : reports) {
            const Subject& subject = subjects[rep.subject];
            const std::vector<ScheduledFault> drawn =
                rep.run < 0 ? std::vector<ScheduledFault>{} : schedule_of(subject, o.seed, rep.run, o.kinds);
            rep.drawn = drawn.size();
            const bool crash = rep.property == runner::Property::NoCrash;
            const auto breaks = [&](const std::vector<ScheduledFault>& faults) {
                return broken_by(run_one_isolated([&] { return outcome_code(play(subject, faults, makers)); })) == rep.property;
            };
            rep.shrunk = rep.run < 0 ? Shrunk{} : shrink(drawn, breaks, o.shrink_budget);
            std::string message;
            if (crash) {
                rep.result = subject.baseline;
                const auto again = run_one_isolated([&] { return outcome_code(play(subject, rep.shrunk.faults, makers)); });
                message = "the run crashed: " + (again.code == kCrashed ? again.how : rep.crash);
                rep.result.failure = runner::StepFailure{0, subject.scenario.where, "(the whole run)", message, Millis(0)};
            } else {
                rep.result = play(subject, rep.shrunk.faults, makers);
                message = rep.result.violation ? rep.result.violation->message : std::string("(no longer broken)");
            }
            const std::string stem = fs::path(subject.scenario.where.file).stem().string();
            rep.file = (fs::path(o.out_dir) / (stem + "." + runner::to_string(rep.property) + ".yaml")).string();
            const std::string found_by = "Found by: " + o.run.program + " explore " + subject.scenario.where.file +
                                         " --seed " + std::to_string(o.seed) + " (run " + std::to_string(rep.run) + ")" +
                                         (o.plant ? " --plant " + std::string(sim::to_string(*o.plant)) : "");
            std::ofstream file(rep.file, std::ios::binary);
            file << repro_file(subject, rep.shrunk.faults, rep.property, message, found_by);
            file.close();
            if (!file) throw UsageError("cannot write " + rep.file);
            const runner::Scenario written = runner::load_scenario(rep.file);
            const auto replay = [&] { return outcome_code(runner::run_scenario(written, written.seed, makers)); };
            rep.reproduced = broken_by(crash ? run_one_isolated(replay) : Outcome{replay(), {}}) == rep.property;
        }

        // The summary.
        const std::size_t all_runs = total + subjects.size();
        char rate[64];
        std::snprintf(rate, sizeof rate, "%.2f s (%.0f runs/s)", explore_seconds,
                      explore_seconds > 0 ? all_runs / explore_seconds : 0.0);
        out << "explored " << subjects.size() << " scenario(s): " << all_runs << " runs (" << o.runs
            << " each with faults, and one without) in " << rate << ", seed " << o.seed << "\n";
        int broken_runs = 0;
        for (const auto& [p, n] : by_property) broken_runs += n;
        if (by_property.empty()) {
            out << "every property held on every run\n";
        } else {
            out << "runs that broke a property: " << broken_runs << "\n";
            for (const auto& [p, n] : by_property) out << "  " << runner::to_string(p) << ": " << n << "\n";
        }
        for (const Report& rep : reports) {
            const Subject& subject = subjects[rep.subject];
            out << "BROKEN " << runner::to_string(rep.property) << "  " << subject.scenario.where.file
                << (rep.run < 0 ? std::string("  (without faults)") : "  (run " + std::to_string(rep.run) + ")") << "\n";
            out << "      " << rep.result.failure->message << "\n";
            out << "      shrunk from " << rep.drawn << " to " << rep.shrunk.faults.size() << " fault(s) in " << rep.shrunk.runs
                << " runs; " << (rep.reproduced ? "reproduces" : "DOES NOT reproduce") << " under ringside run\n";
            out << "      repro: " << o.run.program << " run " << rep.file << "\n";
        }

        // Reports: a test case per scenario; a broken one shows its shrunk run.
        if (!o.run.junit_file.empty() || !o.run.html_file.empty()) {
            runner::RunOptions report_options = o.run;
            report_options.trace_dir.clear();
            std::vector<runner::Run> runs;
            for (std::size_t si = 0; si < subjects.size(); ++si) {
                runner::Run run{subjects[si].scenario, subjects[si].baseline, 0, false};
                run.result.failure.reset();
                for (const Report& rep : reports) {
                    if (rep.subject != si) continue;
                    run.result = rep.result;
                    run.result.file = rep.file;
                    break;
                }
                runner::redact_secrets(run.result);
                runs.push_back(std::move(run));
            }
            runner::write_reports(report_options, runs);
        }
        return reports.empty() ? 0 : 1;
    } catch (const UsageError& e) {
        err << "error: " << e.what() << "\n";
        return 2;
    } catch (const runner::ScenarioError& e) {
        err << "error: " << e.what() << "\n";
        return 2;
    } catch (const cloud::CloudLost& e) {
        err << "error: " << e.what() << "\n";
        return 2;
    }
}

} // namespace ringside::explore
