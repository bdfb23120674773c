#pragma once
// `ringside run`: load every scenario (all load errors reported, then exit 2), play the
// selected ones, print a line per scenario and a closing "N passed, N failed" line, write
// the requested reports. Returns the exit code: 0 all passed, 1 a scenario failed, 2 bad input.
#include <ostream>
#include <string>

#include "runner/run_options.hpp"

namespace ringside::runner {

int run_command(const RunOptions& options, std::ostream& out, std::ostream& err);

struct ScenarioResult;
// What `ringside run` prints under a failed scenario (`result` must have failed): the step and
// its file:line, the virtual time, the seed and the message, and a repro line shaped by
// `options` (program, --cloud, --target). Lines separated by '\n', no trailing newline.
std::string failure_text(const RunOptions& options, const ScenarioResult& result);
// Writes `text` line by line, each line after `indent` (how a failure sits under its verdict).
void write_indented(std::ostream& out, const std::string& text, const std::string& indent = "      ");

} // namespace ringside::runner
