#include "explore/explore_command.hpp"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "explore/explorer.hpp"
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

// What one explored run found: the property it broke first (none: it kept them all).
struct Finding {
    std::optional<runner::Property> broken;
};

// One property broken in one scenario: the first run that broke it, shrunk.
struct Report {
    std::size_t subject = 0;
    runner::Property property{};
    int run = 0;
    std::size_t drawn = 0;  // faults before shrinking
    Shrunk shrunk;
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
            throw UsageError(a + " is not an explore option (explore plays the virtual speaker; see ringside --help)");
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
        std::vector<Subject> subjects(loaded.size());
        for (std::size_t i = 0; i < loaded.size(); ++i)
            subjects[i] = prepare(std::move(loaded[i].first), std::move(loaded[i].second), makers);

        // Every (scenario, run) on -j workers; findings kept by index, so the outcome does
        // not depend on which worker ran what.
        const std::size_t per = static_cast<std::size_t>(o.runs);
        const std::size_t total = subjects.size() * per;
        std::vector<Finding> findings(total);
        std::atomic<std::size_t> next{0}, done{0};
        std::atomic<int> broken{0};
        const auto work = [&] {
            for (std::size_t task; (task = next++) < total;) {
                const Subject& subject = subjects[task / per];
                const int run = static_cast<int>(task % per);
                const runner::ScenarioResult r = play(subject, schedule_of(subject, o.seed, run, o.kinds), makers);
                if (r.violation) {
                    findings[task].broken = r.violation->property;
                    ++broken;
                }
                ++done;
            }
        };
        std::vector<std::thread> workers;
        for (int j = 0; j < std::max(1, o.run.jobs); ++j) workers.emplace_back(work);
        while (o.run.progress && done < total) {
            progress_bar(out, done, total, broken, elapsed());
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        for (std::thread& t : workers) t.join();
        const double explore_seconds = elapsed();
        if (o.run.progress) out << "\r\033[K";

        // Baseline findings (no faults) and the first run that broke each property, per scenario.
        std::vector<Report> reports;
        std::map<runner::Property, int> by_property;
        for (std::size_t si = 0; si < subjects.size(); ++si) {
            std::map<runner::Property, bool> seen;
            if (subjects[si].baseline.violation) {
                const runner::Property p = subjects[si].baseline.violation->property;
                seen[p] = true;
                ++by_property[p];
                reports.push_back({si, p, -1, 0, {}, {}, false});
            }
            for (std::size_t run = 0; run < per; ++run) {
                const auto& f = findings[si * per + run];
                if (!f.broken) continue;
                ++by_property[*f.broken];
                if (seen[*f.broken]) continue;
                seen[*f.broken] = true;
                reports.push_back({si, *f.broken, static_cast<int>(run), 0, {}, {}, false});
            }
        }

        // Shrink each, write it as a scenario, and check `ringside run` reproduces it.
        if (!reports.empty()) fs::create_directories(o.out_dir);
        for (Report& rep : reports) {
            const Subject& subject = subjects[rep.subject];
            const std::vector<ScheduledFault> drawn =
                rep.run < 0 ? std::vector<ScheduledFault>{} : schedule_of(subject, o.seed, rep.run, o.kinds);
            rep.drawn = drawn.size();
            rep.shrunk = shrink(subject, drawn, rep.property, makers, o.shrink_budget);
            const std::string stem = fs::path(subject.scenario.where.file).stem().string();
            rep.file = (fs::path(o.out_dir) / (stem + "." + runner::to_string(rep.property) + ".yaml")).string();
            const std::string found_by = "Found by: " + o.run.program + " explore " + subject.scenario.where.file +
                                         " --seed " + std::to_string(o.seed) + " (run " + std::to_string(rep.run) + ")" +
                                         (o.plant ? " --plant " + std::string(sim::to_string(*o.plant)) : "");
            std::ofstream file(rep.file, std::ios::binary);
            file << repro_file(subject, rep.shrunk, rep.property, found_by);
            file.close();
            if (!file) throw UsageError("cannot write " + rep.file);
            const runner::Scenario again = runner::load_scenario(rep.file);
            const runner::ScenarioResult replay = runner::run_scenario(again, again.seed, makers);
            rep.reproduced = replay.violation && replay.violation->property == rep.property;
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
            const auto& v = rep.shrunk.result.violation;
            out << "      " << (v ? v->message : std::string("(no longer broken after shrinking)")) << "\n";
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
                    run.result = rep.shrunk.result;
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
