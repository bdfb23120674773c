#include "runner/result_redaction.hpp"

#include "reports/redaction.hpp"

namespace ringside::runner {

void redact_secrets(ScenarioResult& r) {
    if (r.secrets.empty() && r.spoken_secrets.empty()) return;
    const reports::Redaction redact(r.secrets, r.spoken_secrets);
    for (StepRecord& step : r.steps) step.text = redact(std::move(step.text));
    if (r.failure) {
        r.failure->step_text = redact(std::move(r.failure->step_text));
        r.failure->message = redact(std::move(r.failure->message));
    }
    for (sim::TraceLine& line : r.trace) line.detail = redact(std::move(line.detail));
    for (cloud::JournalEntry& e : r.journal) {
        e.path = redact(std::move(e.path));
        e.client_id = redact(std::move(e.client_id));
        e.error = redact(std::move(e.error));
    }
}

} // namespace ringside::runner
