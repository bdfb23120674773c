#pragma once
// One self-contained HTML file for a whole run (no code runs in it, no external files, opens
// from disk or a CI artifact): a summary, and per scenario the ring-pattern timeline as coloured
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

// One scenario's part of a report, rendered: what the report shows of it and what
// `ringside report merge` (reports/merge/) carries from shard reports into one.
struct ScenarioSection {
    std::string name, file;
    std::uint64_t seed = 0;
    bool passed = true;
    std::string failure_reason;  // one line; empty when it passed
    Millis virtual_end{0};
    double wall_seconds = 0;
    std::string body_html;  // the inside of its <section> element
};

// The report ends with a data block, <script type="application/json" id="ringside-report">
// (not code: browsers do not run it), holding {"schema": kReportSchema, "scenarios": [{name,
// file, seed (a string), verdict ("passed"/"failed"), failure_reason, virtual_end_ms,
// wall_seconds, section: {offset, length, fnv1a64}}]} in report order: the section's body
// is the `length` bytes at byte `offset` of the file, its FNV-1a 64 digest in 16 hex digits
// (report_section_digest). A merge reads this, never scrapes the markup.
inline constexpr const char* kReportDataId = "ringside-report";
inline constexpr const char* kReportSchema = "ringside-report/1";

ScenarioSection render_section(const ScenarioReport& scenario);
std::string report_section_digest(const std::string& body_html);
// The whole document: the summary and overview computed from `scenarios`, their sections
// in order, the data block.
void write_html_document(std::ostream& out, const std::vector<ScenarioSection>& scenarios);
void write_html_report(std::ostream& out, const std::vector<ScenarioReport>& scenarios);

} // namespace ringside::reports
