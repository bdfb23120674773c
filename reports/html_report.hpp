#pragma once
// One self-contained HTML file for a whole run (no scripts, no external files, opens from
// disk or a CI artifact): a summary, and per scenario the ring-pattern timeline as coloured
// strips, the step log with virtual timestamps, the cloud's request journal and the failure
// with its repro line. Holds nothing secret: traces and journals never carry tokens.
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cloud/service/cloud_types.hpp"
#include "sim/virtual_speaker.hpp"

namespace ringside::reports {

using sim::Millis;

struct StepLine {
    Millis started{0}, ended{0};
    std::string text;
    int line = 0;
    bool held = true;
};

struct ScenarioReport {
    std::string name, file;
    std::uint64_t seed = 0;
    bool passed = true;
    std::string failure_text;  // several lines, the repro line last
    Millis virtual_end{0};
    double wall_seconds = 0;
    std::vector<StepLine> steps;
    std::vector<sim::TraceLine> trace;
    std::vector<cloud::JournalEntry> journal;
    // A world of several speakers: each one's sign-in time (nullopt: never); empty for one.
    std::vector<std::optional<Millis>> sign_in_times;
};

// The journal and trace tables show at most this many rows each (a fleet's run has hundreds
// of thousands); the report says how many more there were. --trace DIR has them all.
inline constexpr std::size_t kMaxTableRows = 2000;

void write_html_report(std::ostream& out, const std::vector<ScenarioReport>& scenarios);

} // namespace ringside::reports
