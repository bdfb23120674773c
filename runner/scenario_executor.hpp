#pragma once
// Plays one scenario on a fresh virtual speaker and says whether it passed. Deterministic:
// the same scenario and seed give the same result and the same trace, byte for byte.
// Thread-safe across scenarios (each run owns its world); one scenario is single-threaded.
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "runner/scenario.hpp"
#include "cloud/service/cloud_types.hpp"
#include "sim/virtual_speaker.hpp"

namespace ringside::runner {

struct StepFailure {
    std::size_t step_number = 0;  // 1-based
    SourceLocation where;
    std::string step_text;
    std::string message;
    Millis at{0};                 // virtual time when the step gave up
};

// One played step, for the reports' step log.
struct StepRecord {
    Millis started{0}, ended{0};  // virtual time
    std::string text;
    int line = 0;
    bool held = true;
};

struct ScenarioResult {
    std::string name;
    std::string file;
    std::uint64_t seed = 0;
    std::optional<StepFailure> failure;
    Millis virtual_end{0};
    std::uint64_t events = 0;     // scheduler events processed
    std::vector<StepRecord> steps;  // the steps played, the failing one last
    std::vector<sim::TraceLine> trace;
    std::vector<cloud::JournalEntry> journal;
    // A world of several speakers: each one's sign-in time, power-on to linked (nullopt:
    // never); empty in a world of one.
    std::vector<std::optional<Millis>> sign_in_times;
    // Every secret the world used (tokens, codes, passwords): what a recording must redact.
    std::set<std::string> secrets;
    // Voice purchase codes: four digits a person says aloud. Too short to hunt for as text
    // (a timestamp holds them), so they are redacted where they stand as a word.
    std::set<std::string> spoken_secrets;

    // The scenario's properties (`properties:`): the first one broken, which also fails the
    // run (`failure` says so, at the step during which it was seen).
    std::optional<Violation> violation;
    // Steps that failed under `expectations: advisory`: reported, not the verdict.
    std::vector<StepFailure> advisories;

    // The cloud behind --cloud URL or the board on --port stopped answering: the verdict
    // is not the firmware's.
    bool lost = false;

    bool passed() const { return !failure; }
};

// What a world is made of beyond its scenario: its cloud and its speaker (empty: the
// service and the virtual board in process).
struct WorldMakers {
    sim::CloudFactory cloud;
    sim::DeviceFactory device;
};

// Lets a caller watch the world while the scenario plays (the demo renders its frames):
// `started` once the world is built, before the first step; `finished` after the last step
// played (or the one that failed, or the one during which a part was lost), before the
// world is gone. Either may be empty. They must not act on the world, only observe it
// (VirtualSpeaker::sample_every and flush_samples are how the demo observes time passing).
struct WorldWatch {
    std::function<void(sim::VirtualSpeaker&)> started;
    std::function<void(sim::VirtualSpeaker&)> finished;
};

ScenarioResult run_scenario(const Scenario& scenario, std::uint64_t seed, const WorldMakers& makers = {},
                            const WorldWatch& watch = {});

} // namespace ringside::runner
