#pragma once
// `ringside explore SCENARIO... [--runs N] [--seed S] [--faults LIST] [-j N] [--out DIR]
// [--cloud URL] [--plant DEFECT] [--junit FILE] [--html FILE]` (docs/explore.md): every
// scenario played `runs` times with faults drawn from the seed on top, every property checked
// on every run, each broken property shrunk to a scenario file in DIR that `ringside run`
// reproduces. Exit: 0 no property broken, 1 some broken, 2 bad input or usage.
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "explore/fault_schedule.hpp"
#include "runner/run_options.hpp"
#include "sim/board/planted_defect.hpp"

namespace ringside::explore {

struct ExploreOptions {
    std::vector<std::string> paths;        // files or folders; default scenarios/
    int runs = 100;                        // per scenario
    std::uint64_t seed = 1;
    std::vector<FaultKind> kinds = all_fault_kinds();
    std::string out_dir = "explore-out";   // shrunk scenarios
    int shrink_budget = 300;               // runs per shrink at most
    std::optional<sim::PlantedDefect> plant;
    // What `ringside run` shares: -j, --cloud, --junit, --html, the program name, progress.
    runner::RunOptions run;
};

// args: what follows "explore". Throws runner::UsageError.
ExploreOptions parse_explore_options(const std::vector<std::string>& args, const std::string& program);

int explore_command(const ExploreOptions& options, std::ostream& out, std::ostream& err);

} // namespace ringside::explore
