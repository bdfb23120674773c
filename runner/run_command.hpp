#pragma once
// `ringside run`: load every scenario (all load errors reported, then exit 2), play the
// selected ones, print a line per scenario and a closing "N passed, N failed" line, write
// the requested reports. Returns the exit code: 0 all passed, 1 a scenario failed, 2 bad input.
#include <ostream>
#include <string>

#include "runner/run_options.hpp"
#include "runner/scenario_executor.hpp"
#include <vector>

namespace ringside::runner {

int run_command(const RunOptions& options, std::ostream& out, std::ostream& err);

// Scenario files named by `paths`: files as given, folders searched for *.yaml and *.yml in
// sorted order. Throws UsageError for a path that does not exist.
std::vector<std::string> collect_files(const std::vector<std::string>& paths);

// One scenario as played, for the console and the reports.
struct Run {
    Scenario scenario;
    ScenarioResult result;
    double wall_seconds = 0;
    bool skipped = false;  // sim-only on a board target: not played
};
// Writes the reports `options` asks for (--trace, --html, --junit) from `runs`, whose
// results must already be redacted. Throws UsageError when a file cannot be written.
void write_reports(const RunOptions& options, const std::vector<Run>& runs);

// What `ringside run` prints under a failed scenario (`result` must have failed): the step and
// its file:line, the virtual time, the seed and the message, and a repro line shaped by
// `options` (program, --cloud, --target). Lines separated by '\n', no trailing newline.
std::string failure_text(const RunOptions& options, const ScenarioResult& result);
// Writes `text` line by line, each line after `indent` (how a failure sits under its verdict).
void write_indented(std::ostream& out, const std::string& text, const std::string& indent = "      ");

} // namespace ringside::runner
