#include "reports/html_timeline.hpp"

#include <algorithm>
#include <map>
#include <vector>

#include "sim/text/escape.hpp"
#include "sim/text/timestamp.hpp"

namespace ringside::reports {
namespace {

using text::format_timestamp;
using text::xml_escape;

const Track* find_track(const SignalTimeline& t, const std::string& name) {
    for (const Track& track : t.tracks)
        if (track.name == name) return &track;
    return nullptr;
}

struct Segment {
    Millis from, to;
    std::string value;
};

// A track's values as back-to-back spans over [0, end]; before its first change a track
// reads "off" (nothing has happened yet). The last span may be empty: the scenario ended on
// the instant of that change, and it is still the state it ended in.
std::vector<Segment> segments_of(const Track& track, Millis end) {
    std::vector<Segment> out;
    if (!track.changes.empty() && track.changes.front().at.count() > 0) out.push_back({Millis(0), track.changes.front().at, "off"});
    for (std::size_t i = 0; i < track.changes.size(); ++i)
        out.push_back({track.changes[i].at, i + 1 < track.changes.size() ? track.changes[i + 1].at : end, track.changes[i].value});
    return out;
}

double percent(Millis span, Millis end) { return 100.0 * static_cast<double>(span.count()) / static_cast<double>(end.count()); }

std::string span_title(const Segment& s) {
    return s.value + " from " + format_timestamp(s.from) + " to " + format_timestamp(s.to);
}

void write_lane(std::ostream& out, const Track* track, Millis end) {
    if (!track || track->changes.empty()) return;
    out << "<div class=\"lane-name\">" << xml_escape(track->name) << "</div><div class=\"lane\">";
    bool shade = false;
    for (const Segment& s : segments_of(*track, end)) {
        out << "<div style=\"width:" << percent(s.to - s.from, end) << "%\"" << (shade ? " class=\"shade\"" : "") << " title=\""
            << xml_escape(span_title(s)) << "\">" << xml_escape(s.value) << "</div>";
        shade = !shade;
    }
    out << "</div>\n";
}

} // namespace

std::string ring_colour(const std::string& pattern) {
    static const std::map<std::string, std::string> colours{
        {"off", "#2b2b2b"},      {"booting", "#1f4fd8"},  {"setup", "#ff8c00"},    {"authorizing", "#ffb347"},
        {"listening", "#1e90ff"}, {"thinking", "#00bcd4"}, {"speaking", "#26c6da"}, {"mic_off", "#e00000"},
        {"error", "#b00020"},    {"wifi_error", "#8e24aa"}, {"volume", "#f5f5f5"},  {"signed_out", "#d84315"}};
    const auto it = colours.find(pattern);
    return it == colours.end() ? "#9e9e9e" : it->second;
}

// The strip's segments keep a few pixels however short they are (flex shrinks the others to
// make room): a 20 ms flash or the pattern the scenario ended on must still be seen. The
// floor (--floor, set per strip) keeps those pixels to half the strip at most, so a strip of
// hundreds of changes still shows its end.
const char* const kTimelineStyle = R"(
.timeline{display:grid;grid-template-columns:52px 1fr;column-gap:8px;row-gap:2px;align-items:center;margin:10px 0 4px}
.lane-name{font-size:11px;color:#666;text-align:right}
.strip{display:flex;height:22px;border-radius:3px;overflow:hidden;border:1px solid #bbb}
.strip div{height:100%;min-width:min(6px,var(--floor))}
.lane{display:flex;height:16px;overflow:hidden;font-size:10.5px;line-height:16px;color:#333}
.lane div{background:#e9ecf2;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;padding:0 3px;box-sizing:border-box;min-width:2px;border-right:1px solid #fff}
.lane div.shade{background:#d6dbe6}
.axis{display:flex;justify-content:space-between;font:11px monospace;color:#666}
.legend{margin:2px 0 8px 60px}
.legend span{display:inline-block;margin-right:12px;font-size:12px}
.legend i{display:inline-block;width:12px;height:12px;margin-right:4px;border:1px solid #999;border-radius:2px;vertical-align:-2px}
)";

void write_html_timeline(std::ostream& out, const SignalTimeline& t) {
    const Track* ring = find_track(t, "ring");
    if (!ring || ring->changes.empty() || t.end.count() <= 0) return;
    const std::vector<Segment> segments = segments_of(*ring, t.end);
    out << "<div class=\"timeline\"><div class=\"lane-name\">ring</div><div class=\"strip\" style=\"--floor:"
        << 50.0 / static_cast<double>(segments.size()) << "%\" title=\"ring pattern over virtual time\">";
    for (const Segment& s : segments)
        out << "<div style=\"width:" << percent(s.to - s.from, t.end) << "%;background:" << ring_colour(s.value) << "\" title=\""
            << xml_escape(span_title(s)) << "\"></div>";
    out << "</div>\n";
    write_lane(out, find_track(t, "device"), t.end);
    write_lane(out, find_track(t, "auth"), t.end);
    // Five ticks at 0, 1/4, 1/2, 3/4 and the end: equal-width labels spaced evenly sit there.
    out << "<div></div><div class=\"axis\">";
    for (int q = 0; q <= 4; ++q) out << "<span>" << format_timestamp(Millis(t.end.count() * q / 4)) << "</span>";
    out << "</div></div>\n<div class=\"legend\">";
    std::vector<std::string> shown;  // the patterns the strip shows, in first-seen order
    for (const Segment& s : segments)
        if (std::find(shown.begin(), shown.end(), s.value) == shown.end()) shown.push_back(s.value);
    for (const std::string& pattern : shown)
        out << "<span><i style=\"background:" << ring_colour(pattern) << "\"></i>" << xml_escape(pattern) << "</span>";
    out << "</div>\n";
}

} // namespace ringside::reports
