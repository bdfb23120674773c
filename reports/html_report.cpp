#include "reports/html_report.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "reports/signal_timeline.hpp"
#include "sim/text/escape.hpp"
#include "sim/text/timestamp.hpp"

namespace ringside::reports {
namespace {

using text::format_timestamp;
using text::xml_escape;

// The ring's look in the strip: close to what a person sees on the device.
std::string colour_of(const std::string& pattern) {
    static const std::map<std::string, std::string> colours{
        {"off", "#2b2b2b"},      {"booting", "#1f4fd8"},  {"setup", "#ff8c00"},    {"authorizing", "#ffb347"},
        {"listening", "#1e90ff"}, {"thinking", "#00bcd4"}, {"speaking", "#26c6da"}, {"mic_off", "#e00000"},
        {"error", "#b00020"},    {"wifi_error", "#8e24aa"}, {"volume", "#f5f5f5"},  {"signed_out", "#d84315"}};
    const auto it = colours.find(pattern);
    return it == colours.end() ? "#9e9e9e" : it->second;
}

constexpr const char* kStyle = R"(
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1b1b1b;background:#fafafa}
h1{margin:0 0 4px} .summary{margin:0 0 20px;color:#444}
.pass{color:#1b7f2a;font-weight:600} .fail{color:#b00020;font-weight:600}
section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:12px 16px;margin:0 0 16px}
section h2{font-size:16px;margin:0 0 6px} .meta{color:#555;font-size:12px}
.strip{display:flex;height:22px;border-radius:3px;overflow:hidden;margin:8px 0 2px;border:1px solid #ccc}
.strip div{height:100%} .axis{display:flex;justify-content:space-between;font-size:11px;color:#666}
.legend span{display:inline-block;margin-right:10px;font-size:12px}
.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;border:1px solid #999;vertical-align:middle}
table{border-collapse:collapse;font-size:12px;margin:6px 0} td,th{border-bottom:1px solid #eee;padding:2px 8px;text-align:left}
td.t{font-family:monospace;white-space:nowrap;color:#333} tr.bad td{background:#fde7ea}
pre.failure{background:#fde7ea;border-left:4px solid #b00020;padding:8px;white-space:pre-wrap}
details{margin:6px 0}
)";

void write_strip(std::ostream& out, const ScenarioReport& s) {
    const SignalTimeline timeline = read_timeline(s.trace, s.virtual_end);
    const Track* ring = nullptr;
    for (const Track& t : timeline.tracks)
        if (t.name == "ring") ring = &t;
    if (!ring || ring->changes.empty() || s.virtual_end.count() <= 0) return;
    const double total = static_cast<double>(s.virtual_end.count());
    out << "<div class=\"strip\" title=\"ring pattern over virtual time\">";
    // Before the first pattern the ring is dark.
    if (ring->changes.front().at.count() > 0)
        out << "<div style=\"width:" << 100.0 * ring->changes.front().at.count() / total << "%;background:#2b2b2b\" title=\"off\"></div>";
    for (std::size_t i = 0; i < ring->changes.size(); ++i) {
        const Millis from = ring->changes[i].at;
        const Millis to = i + 1 < ring->changes.size() ? ring->changes[i + 1].at : s.virtual_end;
        const std::string& pattern = ring->changes[i].value;
        out << "<div style=\"width:" << 100.0 * static_cast<double>((to - from).count()) / total
            << "%;background:" << colour_of(pattern) << "\" title=\"" << xml_escape(pattern) << " from "
            << format_timestamp(from) << " to " << format_timestamp(to) << "\"></div>";
    }
    out << "</div><div class=\"axis\"><span>00:00:00.000</span><span>" << format_timestamp(s.virtual_end)
        << "</span></div><div class=\"legend\">";
    for (const std::string& pattern : ring->values)
        out << "<span><i style=\"background:" << colour_of(pattern) << "\"></i>" << xml_escape(pattern) << "</span>";
    out << "</div>\n";
}

void write_steps(std::ostream& out, const ScenarioReport& s) {
    out << "<table><tr><th>started</th><th>ended</th><th>line</th><th>step</th></tr>\n";
    for (const StepLine& step : s.steps)
        out << "<tr" << (step.held ? "" : " class=\"bad\"") << "><td class=\"t\">" << format_timestamp(step.started)
            << "</td><td class=\"t\">" << format_timestamp(step.ended) << "</td><td>" << step.line << "</td><td>"
            << xml_escape(step.text) << "</td></tr>\n";
    out << "</table>\n";
}

void write_journal(std::ostream& out, const ScenarioReport& s) {
    out << "<details><summary>cloud request journal (" << s.journal.size() << " requests)</summary>"
        << "<table><tr><th>at</th><th>request</th><th>grant</th><th>client</th><th>status</th><th>error</th></tr>\n";
    for (const cloud::JournalEntry& e : s.journal)
        out << "<tr" << (e.status >= 400 ? " class=\"bad\"" : "") << "><td class=\"t\">" << format_timestamp(e.at)
            << "</td><td>" << xml_escape(e.method + " " + e.path) << "</td><td>" << xml_escape(e.grant_type) << "</td><td>"
            << xml_escape(e.client_id) << "</td><td>" << e.status << (e.faulted ? " (fault)" : "") << "</td><td>"
            << xml_escape(e.error) << "</td></tr>\n";
    out << "</table></details>\n";
}

void write_trace(std::ostream& out, const ScenarioReport& s) {
    out << "<details><summary>trace (" << s.trace.size() << " records)</summary><table>\n";
    for (const auto& line : s.trace)
        out << "<tr><td class=\"t\">" << format_timestamp(line.at) << "</td><td>" << xml_escape(line.category)
            << "</td><td>" << xml_escape(line.event) << "</td><td>" << xml_escape(line.detail) << "</td></tr>\n";
    out << "</table></details>\n";
}

} // namespace

void write_html_report(std::ostream& out, const std::vector<ScenarioReport>& scenarios) {
    const auto failed = std::count_if(scenarios.begin(), scenarios.end(), [](const ScenarioReport& s) { return !s.passed; });
    out << "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Ringside report</title><style>" << kStyle
        << "</style></head><body>\n<h1>Ringside report</h1>\n<p class=\"summary\">" << scenarios.size() << " scenarios: <span class=\"pass\">"
        << scenarios.size() - static_cast<std::size_t>(failed) << " passed</span>, <span class=\""
        << (failed ? "fail" : "pass") << "\">" << failed << " failed</span></p>\n";
    for (const ScenarioReport& s : scenarios) {
        char wall[32];
        std::snprintf(wall, sizeof wall, "%.1f ms", s.wall_seconds * 1000);
        out << "<section><h2><span class=\"" << (s.passed ? "pass\">PASS" : "fail\">FAIL") << "</span> " << xml_escape(s.name)
            << "</h2><div class=\"meta\">" << xml_escape(s.file) << " · seed " << s.seed << " · virtual "
            << format_timestamp(s.virtual_end) << " · wall " << wall << "</div>\n";
        write_strip(out, s);
        if (!s.passed) out << "<pre class=\"failure\">" << xml_escape(s.failure_text) << "</pre>\n";
        write_steps(out, s);
        write_journal(out, s);
        write_trace(out, s);
        out << "</section>\n";
    }
    out << "</body></html>\n";
}

} // namespace ringside::reports
