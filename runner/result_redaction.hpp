#pragma once
// A scenario's result with its secrets taken out of every text a person or CI reads — the
// step log, the failure, the trace details, the request journal — before the console line
// or any report is written from it. `secrets` itself stays (it is what was redacted).
// Who may call: run_command, on each result as it comes back.
#include "runner/scenario_executor.hpp"

namespace ringside::runner {

void redact_secrets(ScenarioResult& result);

} // namespace ringside::runner
