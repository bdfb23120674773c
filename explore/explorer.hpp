#pragma once
// Plays one scenario many times, each with a fault schedule drawn from the seed on top of
// its own steps, checks the properties on every run, and shrinks a schedule that breaks
// one to a smallest that still breaks it. Deterministic: the same scenario, seed and run
// number give the same schedule and the same run. Thread-safe: runs share nothing.
// Who may call: the explore command, tests, the benchmark.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "explore/fault_schedule.hpp"
#include "runner/scenario_executor.hpp"

namespace ringside::explore {

// One scenario ready to explore: loaded, with the properties that apply to it.
struct Subject {
    runner::Scenario scenario;      // properties and expectations as explored
    std::string text;               // the file as written (for the repro file)
    Millis horizon{0};              // how long the scenario plays without faults
    runner::ScenarioResult baseline;  // the run without faults
};

// Loads nothing: `scenario` as loaded, `text` its file. Plays the baseline with every
// property; liveness stays only if the baseline keeps it (a scenario may end unlinked by
// design: a denial, a revocation). Another property the baseline breaks is a finding.
Subject prepare(runner::Scenario scenario, std::string text, const runner::WorldMakers& makers);

// The schedule of run `run` of `subject` under `seed`.
std::vector<ScheduledFault> schedule_of(const Subject& subject, std::uint64_t seed, int run,
                                        const std::vector<FaultKind>& kinds);

// Plays `subject` with `faults` on top.
runner::ScenarioResult play(const Subject& subject, const std::vector<ScheduledFault>& faults,
                            const runner::WorldMakers& makers);

struct Shrunk {
    std::vector<ScheduledFault> faults;
    runner::ScenarioResult result;  // the run of the shrunk schedule
    int runs = 0;                   // runs shrinking took
};

// Fewer faults, then each simpler, until no single change keeps `property` broken, or
// `budget` runs are spent. `faults` must break `property`.
Shrunk shrink(const Subject& subject, std::vector<ScheduledFault> faults, runner::Property property,
              const runner::WorldMakers& makers, int budget);

// The scenario file that reproduces `shrunk` under `ringside run`: the original file with
// its name marked, `expectations: advisory`, the broken property, the plant, and the schedule.
std::string repro_file(const Subject& subject, const Shrunk& shrunk, runner::Property property,
                       const std::string& found_by);

} // namespace ringside::explore
