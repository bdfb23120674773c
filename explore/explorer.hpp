#pragma once
// Plays one scenario many times, each with a fault schedule drawn from the seed on top of
// its own steps, checks the properties on every run, and shrinks a schedule that breaks
// one to a smallest that still breaks it. Deterministic: the same scenario, seed and run
// number give the same schedule and the same run. Thread-safe: runs share nothing.
// Who may call: the explore command, tests, the benchmark.
#include <cstdint>
#include <functional>
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

// A run's outcome as one byte, for a child process to report: 0 every property held,
// 1 + the property it broke first.
std::uint8_t outcome_code(const runner::ScenarioResult& result);

// Whether a schedule breaks the property being shrunk (played however the caller likes: in a
// child process, so a crash is an outcome too).
using Breaks = std::function<bool(const std::vector<ScheduledFault>&)>;

struct Shrunk {
    std::vector<ScheduledFault> faults;
    int runs = 0;  // runs shrinking took
};

// Fewer faults, then each simpler, until no single change keeps `breaks` true, or `budget`
// runs are spent. `breaks(faults)` must hold.
Shrunk shrink(std::vector<ScheduledFault> faults, const Breaks& breaks, int budget);

// The scenario file that reproduces `faults` under `ringside run`: the original file with its
// name marked, `expectations: advisory`, the broken property, the plant, and the schedule.
// `message` says what broke; `found_by` how to find it again.
std::string repro_file(const Subject& subject, const std::vector<ScheduledFault>& faults, runner::Property property,
                       const std::string& message, const std::string& found_by);

} // namespace ringside::explore
