#pragma once
// For the benchmark programs: a scenario file, or a clear error and exit 2.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "runner/scenario_error.hpp"
#include "runner/scenario_loader.hpp"

namespace ringside::bench {

inline runner::Scenario load_or_exit(const std::string& path) {
    try {
        return runner::load_scenario(path);
    } catch (const runner::ScenarioError& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        std::exit(2);
    }
}

} // namespace ringside::bench
