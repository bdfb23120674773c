#pragma once
// A world of several speakers in a scenario: `speakers:` (named) or `fleet: N` (alike), and
// the `speaker:` key that says which speaker a step is for. A step acts on one speaker
// (`speaker: NAME`), or, if it is an action, on each in turn at the same instant
// (`speaker: all`); steps about the world as a whole (time, the cloud, marks, fleet
// figures) take no `speaker:`. `spread: D` beside `speaker: all` makes an action last D:
// each speaker acts at its own moment in it, drawn from the world's seed (a fleet plugged
// in over ten minutes, not in one instant). In a one-speaker world nothing changes.
// Who may call: the scenario loader.
#include <optional>

#include "runner/scenario.hpp"
#include "runner/scenario_node.hpp"

namespace ringside::runner {

// The largest fleet a scenario may declare (memory: about 20 KiB per speaker).
inline constexpr long long kMaxSpeakers = 100'000;

// The place of the speaker `name` declares in the scenario's world, if it declares one.
std::optional<std::size_t> find_speaker(const Scenario& scenario, const std::string& name);

// Reads `speakers: [kitchen, { name: hall, serial: RS0042 }]` or `fleet: 10000` (speakers
// s1..sN) into the scenario's world. Fails with file:line on a duplicate or bad name or
// serial number, or on both keys at once.
void read_speakers(std::optional<ScenarioNode> speakers, std::optional<ScenarioNode> fleet, Scenario& scenario);

// Binds `step` (read from `item`) to the speaker(s) `speaker` names — or checks that a step
// that needs one names one. Fails with file:line when it cannot.
void address_step(Step& step, const ScenarioNode& item, const std::optional<ScenarioNode>& speaker,
                  const std::optional<ScenarioNode>& spread, const Scenario& scenario);

} // namespace ringside::runner
