#include "reports/html_report.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include <nlohmann/json.hpp>

#include "reports/fleet_plots.hpp"
#include "reports/html_timeline.hpp"
#include "reports/signal_timeline.hpp"
#include "sim/text/escape.hpp"
#include "sim/text/timestamp.hpp"

namespace ringside::reports {
namespace {

using text::format_timestamp;
using text::xml_escape;

constexpr const char* kStyle = R"(
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1400px;padding:0 24px;color:#1b1b1b;background:#f4f5f7}
h1{margin:0 0 4px;font-size:24px} .summary{margin:0 0 12px;color:#444;font-size:15px}
.pass{color:#1b7f2a;font-weight:600} .fail{color:#b00020;font-weight:600}
.badge{display:inline-block;border-radius:3px;padding:0 6px;margin-right:6px;font-size:12px;color:#fff;vertical-align:2px}
.badge.pass{background:#1b7f2a;color:#fff} .badge.fail{background:#b00020;color:#fff}
table.overview{background:#fff;border:1px solid #ddd;border-radius:6px;margin:0 0 20px;width:100%}
table.overview td{padding:3px 8px} table.overview a{color:#1b1b1b} .why{color:#8a1020;font-size:12px}
section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:12px 16px;margin:0 0 16px}
section.failed{border-color:#b00020;box-shadow:0 0 0 1px #b00020}
section h2{font-size:16px;margin:0 0 4px} .meta{color:#555;font-size:12px}
h3{font-size:13px;margin:10px 0 2px;color:#333}
table{border-collapse:collapse;font-size:12px;margin:4px 0} td,th{border-bottom:1px solid #eee;padding:2px 8px;text-align:left;vertical-align:top}
th{color:#555;font-weight:600} td.t{font-family:monospace;white-space:nowrap;color:#333} td.n{color:#777;text-align:right}
tr.bad td{background:#fde7ea}
pre.failure{background:#fde7ea;border-left:4px solid #b00020;padding:8px 10px;white-space:pre-wrap;margin:8px 0;font-size:12.5px}
details{margin:6px 0} summary{cursor:pointer;color:#333;font-size:13px}
svg.plot{display:block;background:#fafbfc;border:1px solid #eee;margin:2px 0 8px} svg.plot text{font-size:11px;fill:#555}
)";

std::string anchor(std::size_t index) { return "s" + std::to_string(index + 1); }

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

// The failure's reason without the step it repeats: "at virtual ..., seed N: expected ..."
std::string failure_reason(const std::string& text) {
    const auto second = text.find('\n');
    if (second == std::string::npos) return text;
    return first_line(text.substr(second + 1));
}

// Every scenario in a line, failures first, each a link to its section: a long suite is
// read from here.
void write_overview(std::ostream& out, const std::vector<ScenarioSection>& scenarios) {
    std::vector<std::size_t> order(scenarios.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_partition(order.begin(), order.end(), [&](std::size_t i) { return !scenarios[i].passed; });
    out << "<table class=\"overview\"><tr><th>result</th><th>scenario</th><th>file</th><th>virtual time</th></tr>\n";
    for (const std::size_t i : order) {
        const ScenarioSection& s = scenarios[i];
        out << "<tr" << (s.passed ? "" : " class=\"bad\"") << "><td class=\"" << (s.passed ? "pass\">PASS" : "fail\">FAIL")
            << "</td><td><a href=\"#" << anchor(i) << "\">" << xml_escape(s.name) << "</a>";
        if (!s.passed) out << "<div class=\"why\">" << xml_escape(s.failure_reason) << "</div>";
        out << "</td><td class=\"meta\">" << xml_escape(s.file) << "</td><td class=\"t\">" << format_timestamp(s.virtual_end)
            << "</td></tr>\n";
    }
    out << "</table>\n";
}

} // namespace

std::string report_section_digest(const std::string& body) {
    std::uint64_t h = 14695981039346656037ull;  // FNV-1a, 64 bits
    for (unsigned char c : body) {
        h ^= c;
        h *= 1099511628211ull;
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return hex;
}

namespace {

// The machine-readable index of the report: what `ringside report merge` reads instead of
// the markup. Each section's body is found by its byte offset and length in the file, not
// copied, so a report of large fleet scenarios does not double in size. Every '<' is
// written as \u003c, so nothing inside can end the element.
void write_data_block(std::string& doc, const std::vector<ScenarioSection>& scenarios,
                      const std::vector<std::pair<std::size_t, std::size_t>>& bodies) {
    nlohmann::json list = nlohmann::json::array();
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
        const ScenarioSection& s = scenarios[i];
        list.push_back({{"name", s.name},
                        {"file", s.file},
                        {"seed", std::to_string(s.seed)},
                        {"verdict", s.passed ? "passed" : "failed"},
                        {"failure_reason", s.failure_reason},
                        {"virtual_end_ms", s.virtual_end.count()},
                        {"wall_seconds", s.wall_seconds},
                        {"section", {{"offset", bodies[i].first},
                                     {"length", bodies[i].second},
                                     {"fnv1a64", report_section_digest(s.body_html)}}}});
    }
    const std::string text = nlohmann::json{{"schema", kReportSchema}, {"scenarios", list}}.dump();
    doc += "<script type=\"application/json\" id=\"";
    doc += kReportDataId;
    doc += "\">";
    for (char c : text) {
        if (c == '<') doc += "\\u003c";
        else doc += c;
    }
    doc += "</script>\n";
}

// The first kMaxTableRows of a table's rows.
template <typename T>
struct Rows {
    const std::vector<T>& all;
    auto begin() const { return all.begin(); }
    auto end() const { return all.begin() + static_cast<std::ptrdiff_t>(std::min(all.size(), kMaxTableRows)); }
};
template <typename T>
Rows<T> rows(const std::vector<T>& all) { return Rows<T>{all}; }

std::string more(std::size_t total, const char* what) {
    if (total <= kMaxTableRows) return {};
    return "<p class=\"meta\">the first " + std::to_string(kMaxTableRows) + " of " + std::to_string(total) + " " + what +
           "; `ringside run --trace DIR` writes them all</p>";
}

// A world of several speakers: the ring timeline is the first speaker's.
std::vector<sim::TraceLine> first_speaker(const ScenarioReport& s) {
    if (s.sign_in_times.empty()) return s.trace;
    std::vector<sim::TraceLine> out;
    for (const sim::TraceLine& line : s.trace)
        if (line.speaker == 0) out.push_back(line);
    return out;
}

void write_steps(std::ostream& out, const ScenarioReport& s) {
    out << "<h3>step log</h3><table><tr><th>started</th><th>ended</th><th>line</th><th>step</th></tr>\n";
    for (const StepLine& step : s.steps)
        out << "<tr" << (step.held ? "" : " class=\"bad\"") << "><td class=\"t\">" << format_timestamp(step.started)
            << "</td><td class=\"t\">" << format_timestamp(step.ended) << "</td><td class=\"n\">" << step.line << "</td><td>"
            << xml_escape(step.text) << "</td></tr>\n";
    out << "</table>\n";
}

// Open when the scenario failed: the requests are the first thing to read after the step.
void write_journal(std::ostream& out, const ScenarioReport& s) {
    out << "<details" << (s.passed ? "" : " open") << "><summary>cloud request journal (" << s.journal.size()
        << " requests)</summary><table><tr><th>at</th><th>request</th><th>grant</th><th>client</th><th>status</th><th>error</th></tr>\n";
    for (const cloud::JournalEntry& e : rows(s.journal))
        out << "<tr" << (e.status >= 400 ? " class=\"bad\"" : "") << "><td class=\"t\">" << format_timestamp(e.at)
            << "</td><td>" << xml_escape(e.method + " " + e.path) << "</td><td>" << xml_escape(e.grant_type) << "</td><td>"
            << xml_escape(e.client_id) << "</td><td>" << e.status << (e.faulted ? " (fault)" : "") << "</td><td>"
            << xml_escape(e.error) << "</td></tr>\n";
    out << "</table>" << more(s.journal.size(), "requests") << "</details>\n";
}

void write_trace(std::ostream& out, const ScenarioReport& s) {
    out << "<details><summary>trace (" << s.trace.size() << " records)</summary><table>\n";
    const bool several = !s.sign_in_times.empty();
    for (const auto& line : rows(s.trace))
        out << "<tr><td class=\"t\">" << format_timestamp(line.at) << "</td>"
            << (several ? "<td class=\"n\">" + std::to_string(line.speaker + 1) + "</td>" : std::string()) << "<td>" << xml_escape(line.category)
            << "</td><td>" << xml_escape(line.event) << "</td><td>" << xml_escape(line.detail) << "</td></tr>\n";
    out << "</table>" << more(s.trace.size(), "records") << "</details>\n";
}

} // namespace

ScenarioSection render_section(const ScenarioReport& s) {
    ScenarioSection section;
    section.name = s.name;
    section.file = s.file;
    section.seed = s.seed;
    section.passed = s.passed;
    if (!s.passed) section.failure_reason = failure_reason(s.failure_text);
    section.virtual_end = s.virtual_end;
    section.wall_seconds = s.wall_seconds;
    std::ostringstream out;
    char wall[32];
    std::snprintf(wall, sizeof wall, "%.1f ms", s.wall_seconds * 1000);
    out << "<h2><span class=\"badge " << (s.passed ? "pass\">PASS" : "fail\">FAIL") << "</span> " << xml_escape(s.name)
        << "</h2><div class=\"meta\">" << xml_escape(s.file) << " · seed " << s.seed << " · virtual "
        << format_timestamp(s.virtual_end) << " · wall " << wall << "</div>\n";
    if (!s.sign_in_times.empty()) {
        out << "<h3>" << s.sign_in_times.size() << " speakers; the ring below is the first one's</h3>\n";
        write_fleet_plots(out, s.sign_in_times, s.journal, s.virtual_end);
        write_html_timeline(out, read_timeline(first_speaker(s), s.virtual_end));
    } else {
        write_html_timeline(out, read_timeline(s.trace, s.virtual_end));
    }
    if (!s.passed) out << "<pre class=\"failure\">" << xml_escape(s.failure_text) << "</pre>\n";
    write_steps(out, s);
    write_journal(out, s);
    write_trace(out, s);
    section.body_html = out.str();
    return section;
}

void write_html_document(std::ostream& sink, const std::vector<ScenarioSection>& scenarios) {
    std::ostringstream out;
    const auto failed = std::count_if(scenarios.begin(), scenarios.end(), [](const ScenarioSection& s) { return !s.passed; });
    Millis virtual_total{0};
    for (const ScenarioSection& s : scenarios) virtual_total += s.virtual_end;
    out << "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Ringside report</title><style>" << kStyle
        << kTimelineStyle << "</style></head><body>\n<h1>Ringside report</h1>\n<p class=\"summary\">" << scenarios.size()
        << " scenarios: <span class=\"pass\">" << scenarios.size() - static_cast<std::size_t>(failed) << " passed</span>, <span class=\""
        << (failed ? "fail" : "pass") << "\">" << failed << " failed</span> · virtual time " << format_timestamp(virtual_total)
        << " in all</p>\n";
    write_overview(out, scenarios);
    // Built whole first: the data block records where each section's body starts.
    std::string doc = out.str();
    std::vector<std::pair<std::size_t, std::size_t>> bodies;
    for (std::size_t i = 0; i < scenarios.size(); ++i) {
        doc += "<section id=\"" + anchor(i) + "\"" + (scenarios[i].passed ? "" : " class=\"failed\"") + ">";
        bodies.emplace_back(doc.size(), scenarios[i].body_html.size());
        doc += scenarios[i].body_html;
        doc += "</section>\n";
    }
    write_data_block(doc, scenarios, bodies);
    doc += "</body></html>\n";
    sink << doc;
}

void write_html_report(std::ostream& out, const std::vector<ScenarioReport>& scenarios) {
    std::vector<ScenarioSection> sections;
    sections.reserve(scenarios.size());
    for (const ScenarioReport& s : scenarios) sections.push_back(render_section(s));
    write_html_document(out, sections);
}

} // namespace ringside::reports
