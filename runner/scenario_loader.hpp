#pragma once
// Reads a scenario file (YAML) into a Scenario. The only file that includes yaml-cpp.
// Throws ScenarioError naming file:line and what was expected there.
#include <string>

#include "runner/scenario.hpp"

namespace ringside::runner {

Scenario load_scenario(const std::string& path);

} // namespace ringside::runner
