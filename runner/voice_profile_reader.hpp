#pragma once
// Reads an account's voice-API keys from a scenario file (docs/scenarios.md, "Voice"):
// voice, calendar, household, subscriptions, voice_code, purchase_limit, skills.
// Who may call: the scenario loader, while it reads cloud.accounts.
#include "runner/scenario_node.hpp"
#include "cloud/service/cloud_types.hpp"

namespace ringside::runner {

// Consumes the keys it knows from `account_node` (the caller's done() then flags the rest).
void read_voice_profile(ScenarioNode& account_node, cloud::Account& account);

} // namespace ringside::runner
