#pragma once
// The scenario vocabulary, one file per domain. Each add_*_steps() registers its step
// names with a parser that reads the step's arguments (failing with file:line) and returns
// the function that plays it. docs/scenarios.md documents every step; keep them in step.
#include <functional>
#include <map>
#include <string>

#include "runner/scenario.hpp"
#include "runner/scenario_node.hpp"

namespace ringside::runner {

using StepParser = std::function<StepPlay(ScenarioNode& args, const Scenario& scenario)>;
using StepCatalog = std::map<std::string, StepParser>;

void add_device_steps(StepCatalog& catalog);       // power, buttons, advance
void add_app_steps(StepCatalog& catalog);          // companion app and user actions
void add_sign_in_steps(StepCatalog& catalog);      // a person at the verification page
void add_cloud_steps(StepCatalog& catalog);        // cloud state and faults
void add_expect_steps(StepCatalog& catalog);       // expectations on device/auth/ring
void add_request_steps(StepCatalog& catalog);      // expectations on the cloud's journal
void add_voice_steps(StepCatalog& catalog);        // speech into the mic, voice-API state
void add_setup_steps(StepCatalog& catalog);        // what the companion app is told
void add_network_steps(StepCatalog& catalog);      // network down/up, congestion
void add_auth_steps(StepCatalog& catalog);         // revocation, internet link, stored credentials
void add_fleet_steps(StepCatalog& catalog);        // figures over a world of several speakers

// Every step, built once.
const StepCatalog& step_catalog();

// Shared by parsers: a step that takes no arguments; button names; the device/auth/ring
// keys of an expectation (fails unless at least one is given).
void require_no_args(const ScenarioNode& args);
hal::Button parse_button(const ScenarioNode& node);
struct Condition;
Condition read_condition(ScenarioNode& args, const std::string& step);

} // namespace ringside::runner
