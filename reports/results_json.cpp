#include "reports/results_json.hpp"

#include <nlohmann/json.hpp>

namespace ringside::reports {
namespace {

const char* verdict_name(ResultRecord::Verdict v) {
    switch (v) {
    case ResultRecord::Verdict::Passed: return "passed";
    case ResultRecord::Verdict::Failed: return "failed";
    case ResultRecord::Verdict::Skipped: return "skipped";
    }
    return "failed";
}

} // namespace

void write_results_json(std::ostream& out, const std::vector<ResultRecord>& records) {
    nlohmann::ordered_json scenarios = nlohmann::ordered_json::array();
    int passed = 0, failed = 0, skipped = 0;
    for (const auto& r : records) {
        nlohmann::ordered_json j;
        j["name"] = r.name;
        j["file"] = r.file;
        j["verdict"] = verdict_name(r.verdict);
        j["seed"] = r.seed;
        j["virtual_seconds"] = r.virtual_seconds;
        j["wall_seconds"] = r.wall_seconds;
        j["failed_step"] = nullptr;
        if (r.failed_step) {
            const FailedStep& f = *r.failed_step;
            j["failed_step"] = {{"number", f.number},  {"text", f.text},
                                {"file", f.file},      {"line", f.line},
                                {"at_virtual_seconds", f.at_virtual_seconds}, {"message", f.message}};
        }
        j["skipped_because"] = r.verdict == ResultRecord::Verdict::Skipped ? nlohmann::ordered_json(r.skipped_because) : nullptr;
        j["repro"] = r.repro;
        scenarios.push_back(std::move(j));
        (r.verdict == ResultRecord::Verdict::Passed ? passed : r.verdict == ResultRecord::Verdict::Failed ? failed : skipped)++;
    }
    nlohmann::ordered_json doc;
    doc["schema"] = "ringside-results/1";
    doc["totals"] = {{"scenarios", records.size()}, {"passed", passed}, {"failed", failed}, {"skipped", skipped}};
    doc["scenarios"] = std::move(scenarios);
    // error_handler replace: a name or message with invalid UTF-8 (a scenario file's bytes)
    // is written with U+FFFD rather than ending the run with an exception.
    out << doc.dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}

} // namespace ringside::reports
