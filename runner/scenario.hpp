#pragma once
// A scenario file, parsed: the world to build and the steps to play against it.
// scenario_loader.cpp builds it; each step's parser (runner/steps/) binds its arguments
// into the step's play function; scenario_executor.cpp plays the steps in order.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "runner/duration.hpp"
#include "runner/properties/property.hpp"
#include "cloud/service/cloud_types.hpp"
#include "sim/virtual_speaker.hpp"

namespace ringside::runner {

struct SourceLocation {
    std::string file;
    int line = 0;  // 1-based
};

// Plays one parsed step on the world; returns why it failed, empty when it held.
using StepPlay = std::function<std::string(sim::VirtualSpeaker& world)>;

struct Step {
    std::string name;  // as written: "expect_state", "app.provision", ...
    SourceLocation where;
    std::string text;  // the step as written, one line, for failure messages
    StepPlay play;
};

// A step played at a world time whatever step is running then (a scenario's `schedule:`,
// how `ringside explore` writes the faults it drew): the fault schedule on top of the steps.
struct TimedStep {
    Millis at{0};  // virtual time since the world started
    Step step;
};

struct Scenario {
    std::string name;
    SourceLocation where;
    std::uint64_t seed = 1;
    std::vector<std::string> tags;
    // Why the scenario cannot run on a board (`sim_only: <reason>`); empty: it runs on any
    // target. `--target hil` skips it and says why.
    std::string sim_only;
    sim::WorldConfig world;
    std::vector<Step> steps;
    std::vector<TimedStep> schedule;
    // Properties checked throughout the run (`properties:`, runner/properties/properties.hpp);
    // a violation fails the scenario. Names as written.
    std::vector<Property> properties;
    // `expectations: advisory`: a step that fails is reported and the run goes on, so only
    // the properties decide the verdict (a scenario with faults on top that break its own
    // expectations, as `ringside explore` plays it); `must_hold`: a failed step fails the run.
    // Unset: must hold under `ringside run`, advisory under `ringside explore`.
    std::optional<bool> advisory;
};

} // namespace ringside::runner
