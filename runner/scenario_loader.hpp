#pragma once
// Reads a scenario file (YAML) into a Scenario. The only file that includes yaml-cpp.
// Throws ScenarioError naming file:line and what was expected there.
#include <string>

#include "runner/scenario.hpp"

namespace ringside::runner {

Scenario load_scenario(const std::string& path);
// The same for a file's text already read; `path` names it in errors. (The fuzzer's way in.)
Scenario parse_scenario(const std::string& text, const std::string& path);
// `schedule:` entries given as a YAML list's text, for `scenario` (`ringside explore` adds
// the faults it draws this way, exactly as a scenario file would hold them).
std::vector<TimedStep> parse_schedule(const std::string& text, const Scenario& scenario);

} // namespace ringside::runner
