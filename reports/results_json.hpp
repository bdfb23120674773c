#pragma once
// `ringside run --json FILE`: one record per scenario for dashboards and scripts, so they
// need not parse console text. Schema `ringside-results/1` (schema/results.schema.json,
// docs/results.md): stable — members are only ever added, never renamed or retyped.
// Times: virtual and wall seconds. Text is written redacted by the caller (secrets never
// reach a ResultRecord).
// Who may call: the runner, once per run, after every scenario is done.
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace ringside::reports {

struct FailedStep {
    std::size_t number = 0;  // 1-based among the scenario's steps
    std::string text;        // the step as written
    std::string file;        // where it is written
    int line = 0;
    double at_virtual_seconds = 0;  // when it gave up
    std::string message;
};

struct ResultRecord {
    enum class Verdict { Passed, Failed, Skipped };
    std::string name, file;
    Verdict verdict = Verdict::Passed;
    std::string skipped_because;  // Skipped only
    std::uint64_t seed = 0;
    double virtual_seconds = 0, wall_seconds = 0;
    std::optional<FailedStep> failed_step;  // Failed only
    std::string repro;                       // the command that plays it again
};

void write_results_json(std::ostream& out, const std::vector<ResultRecord>& records);

} // namespace ringside::reports
