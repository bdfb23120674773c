#pragma once
// The scenario an import makes, as YAML text in the scenario vocabulary (docs/scenarios.md):
// the captured answers as one-shot cloud faults, then the steps that make the speaker do
// what the capture shows — power on, provisioning by the app, the user's approval when a
// poll got tokens, a factory reset (hold Action 25 s) when it revoked — and time enough for
// every captured exchange. Who may call: import_har.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "importer/har/answer_plan.hpp"

namespace ringside::importer {

struct ScenarioPlan {
    std::string capture_name;       // the file's name, for the scenario's name and comments
    std::size_t entries = 0;        // every entry of the capture
    bool lwa = false;
    std::vector<PlannedFault> exchanges;  // every device-side exchange, in capture order
    bool approve = false;
    int approve_after_code_pairs = 1;     // the approval is for the code of this code pair
    std::int64_t approve_at_ms = 0;       // when the approving poll was made, from the start
    std::optional<std::int64_t> revoke_at_ms;
    std::int64_t span_ms = 0;             // first request to the last answer
};

std::string scenario_text(const ScenarioPlan& plan);

} // namespace ringside::importer
