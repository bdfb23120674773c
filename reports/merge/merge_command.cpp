#include "reports/merge/merge_command.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "reports/merge/fleet_merge.hpp"
#include "reports/merge/html_merge.hpp"
#include "reports/merge/junit_merge.hpp"
#include "sim/fleet/fleet_report.hpp"

namespace ringside::reports {
namespace {

struct Outputs {
    std::string junit, html, fleet;
};

struct Usage : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Written whole through a temporary beside it, so a reader never sees half a report.
void write_file(const std::string& path, const std::string& text) {
    const std::filesystem::path target(path);
    if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path());
    const std::string temporary = path + ".partial";
    {
        std::ofstream f(temporary, std::ios::binary | std::ios::trunc);
        f << text;
        f.close();
        if (!f) throw Usage("cannot write " + path);
    }
    std::filesystem::rename(temporary, target);
}

// A testcase or scenario seen in two inputs: shards that overlap, or one file given twice.
template <typename Key>
void once(std::map<Key, std::string>& seen, const Key& key, const std::string& what, const std::string& path) {
    const auto [it, fresh] = seen.emplace(key, path);
    if (!fresh && it->second != path)
        throw MergeInputError(path + ": " + what + " is also in " + it->second +
                              "; expected each shard once (--shard K/N, K = 1..N)");
}

} // namespace

int report_merge_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    Outputs outputs;
    std::vector<std::string> paths;
    try {
        for (std::size_t i = 0; i < args.size(); ++i) {
            const std::string& a = args[i];
            auto value = [&]() -> const std::string& {
                if (i + 1 >= args.size()) throw Usage(a + " needs a file");
                return args[++i];
            };
            if (a == "--out-junit") outputs.junit = value();
            else if (a == "--out-html") outputs.html = value();
            else if (a == "--out-fleet") outputs.fleet = value();
            else if (a.rfind("-", 0) == 0) throw Usage("unknown option '" + a + "' for 'ringside report merge'");
            else paths.push_back(a);
        }
        if (paths.empty()) throw Usage("'ringside report merge' needs the files to merge (INPUT...)");
    } catch (const Usage& e) {
        err << "error: " << e.what() << "; see 'ringside report merge --help'\n";
        return 2;
    }

    try {
        std::vector<JUnitCase> cases;
        std::vector<ScenarioSection> sections;
        std::vector<sim::FleetSummary> fleets;
        std::vector<std::string> fleet_paths, junit_paths, html_paths;
        std::map<std::pair<std::string, std::string>, std::string> seen_cases, seen_sections;
        std::map<std::string, std::string> given;  // canonical path -> as given
        for (const std::string& path : paths) {
            std::error_code ec;
            const std::string canonical = std::filesystem::weakly_canonical(path, ec).string();
            const auto [twice, fresh] = given.emplace(ec ? path : canonical, path);
            if (!fresh) throw MergeInputError(path + ": given twice (also as " + twice->second + "); expected each shard's file once");
        }
        for (const std::string& path : paths) {
            const MergeInput input = read_merge_input(path);
            switch (input.kind) {
            case MergeKind::JUnit:
                for (JUnitCase& c : read_junit(input)) {
                    once(seen_cases, {c.classname, c.name}, "testcase '" + c.name + "' (" + c.classname + ")", path);
                    cases.push_back(std::move(c));
                }
                junit_paths.push_back(path);
                break;
            case MergeKind::Html:
                for (ScenarioSection& s : read_html_report(input)) {
                    once(seen_sections, {s.file, s.name}, "scenario '" + s.name + "' (" + s.file + ")", path);
                    sections.push_back(std::move(s));
                }
                html_paths.push_back(path);
                break;
            case MergeKind::Fleet:
                fleets.push_back(read_fleet_summary(input));
                fleet_paths.push_back(path);
                break;
            }
        }
        auto pair_up = [](const std::vector<std::string>& inputs, const std::string& output, const char* option, const char* kind) {
            if (!inputs.empty() && output.empty() && std::string(option) != "--out-fleet")
                throw Usage(inputs.front() + " is " + kind + " but no " + option + " FILE was given to merge it into");
            if (inputs.empty() && !output.empty())
                throw Usage(std::string(option) + " " + output + ": none of the inputs is " + kind);
        };
        pair_up(junit_paths, outputs.junit, "--out-junit", "a JUnit XML report");
        pair_up(html_paths, outputs.html, "--out-html", "an HTML report");
        pair_up(fleet_paths, outputs.fleet, "--out-fleet", "a fleet summary");

        std::optional<sim::FleetSummary> fleet;
        if (!fleets.empty()) fleet = merge_fleet_summaries(fleets, fleet_paths);

        // All inputs read and agreed: now write. Scenario files in one order, whichever
        // shard ran them, as an unsharded run lists them.
        std::vector<std::string> failed;
        if (!outputs.junit.empty()) {
            std::stable_sort(cases.begin(), cases.end(), [](const JUnitCase& a, const JUnitCase& b) { return a.classname < b.classname; });
            std::ostringstream text;
            write_junit(text, "ringside", cases);
            write_file(outputs.junit, text.str());
            int failures = 0, skipped = 0;
            for (const JUnitCase& c : cases) {
                failures += c.failed ? 1 : 0;
                skipped += c.skipped.empty() ? 0 : 1;
                if (c.failed) failed.push_back("testcase '" + c.name + "' (" + c.classname + "): " + c.failure_message);
            }
            out << "junit: " << cases.size() << " testcases from " << junit_paths.size() << " file"
                << (junit_paths.size() == 1 ? "" : "s") << ", " << failures << " failed, " << skipped << " skipped -> "
                << outputs.junit << "\n";
        }
        if (!outputs.html.empty()) {
            std::stable_sort(sections.begin(), sections.end(), [](const ScenarioSection& a, const ScenarioSection& b) { return a.file < b.file; });
            std::ostringstream text;
            write_html_document(text, sections);
            write_file(outputs.html, text.str());
            int failures = 0;
            for (const ScenarioSection& s : sections) {
                failures += s.passed ? 0 : 1;
                if (!s.passed) failed.push_back("scenario '" + s.name + "' (" + s.file + "): " + s.failure_reason);
            }
            out << "html: " << sections.size() << " scenarios from " << html_paths.size() << " file"
                << (html_paths.size() == 1 ? "" : "s") << ", " << failures << " failed -> " << outputs.html << "\n";
        }
        if (fleet) {
            out << "fleet: " << fleets.size() << " summar" << (fleets.size() == 1 ? "y" : "ies") << " of "
                << fleet->options.speakers << " speakers against " << fleet->options.issuer << "\n"
                << sim::fleet_summary_text(*fleet);
            if (!outputs.fleet.empty()) {
                write_file(outputs.fleet, sim::fleet_summary_json(*fleet) + "\n");
                out << "fleet summary written to " << outputs.fleet << "\n";
            }
            if (!(fleet->all_linked() && fleet->failure.empty()))
                failed.push_back("fleet: " + std::to_string(fleet->outcome.stayed_linked) + " of " +
                                 std::to_string(fleet->outcome.started) + " started speakers linked and stayed linked" +
                                 (fleet->failure.empty() ? "" : " (" + fleet->failure + ")"));
        }
        if (failed.empty()) {
            out << "merged: nothing failed\n";
            return 0;
        }
        out << "merged: " << failed.size() << " failure" << (failed.size() == 1 ? "" : "s") << " recorded in the inputs:\n";
        for (const std::string& f : failed) out << "  FAILED " << f << "\n";
        return 1;
    } catch (const MergeInputError& e) {
        err << "error: " << e.what() << "\n";
        return 2;
    } catch (const Usage& e) {
        err << "error: " << e.what() << "\n";
        return 2;
    } catch (const std::filesystem::filesystem_error& e) {
        err << "error: " << e.what() << "\n";
        return 2;
    }
}

} // namespace ringside::reports
