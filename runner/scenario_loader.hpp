#pragma once
// Reads a scenario file (YAML) into a Scenario. The only file that includes yaml-cpp.
// Throws ScenarioError naming file:line and what was expected there.
#include <string>

#include "runner/scenario.hpp"

namespace ringside::runner {

Scenario load_scenario(const std::string& path);
// The same for a file's text already read; `path` names it in errors. (The fuzzer's way in.)
Scenario parse_scenario(const std::string& text, const std::string& path);

} // namespace ringside::runner
