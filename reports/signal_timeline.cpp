#include "reports/signal_timeline.hpp"

#include <algorithm>

namespace ringside::reports {
namespace {

void change(Track& track, Millis at, const std::string& value) {
    if (std::find(track.values.begin(), track.values.end(), value) == track.values.end()) track.values.push_back(value);
    // Several changes at one instant: the last one is what the instant shows, so a power cycle
    // within one millisecond (on, off, on) stays one "on" and not two slices side by side.
    if (!track.changes.empty() && track.changes.back().at == at) track.changes.pop_back();
    if (!track.changes.empty() && track.changes.back().value == value) return;
    track.changes.push_back({at, value});
}

} // namespace

SignalTimeline read_timeline(const std::vector<sim::TraceLine>& trace, Millis end) {
    SignalTimeline t;
    t.end = end;
    Track power{"power", {}, {}}, device{"device", {}, {}}, auth{"auth", {}, {}}, ring{"ring", {}, {}};
    change(power, Millis(0), "off");
    std::map<std::string, Track> buttons;
    for (const auto& line : trace) {
        if (line.category == "power") {
            change(power, line.at, line.event);
            if (line.event == "off") {
                change(device, line.at, "off");
                change(ring, line.at, "off");
            }
        } else if (line.category == "device" && line.event == "state") {
            change(device, line.at, line.detail);
        } else if (line.category == "auth" && line.event == "state") {
            change(auth, line.at, line.detail);
        } else if (line.category == "ring" && line.event == "pattern") {
            change(ring, line.at, line.detail);
        } else if (line.category == "button" && (line.event == "down" || line.event == "up")) {
            Track& b = buttons[line.detail];
            b.name = "button." + line.detail;
            change(b, line.at, line.event == "down" ? "pressed" : "released");
        } else {
            t.marks.push_back({line.at, line.category, line.event, line.detail});
        }
    }
    t.tracks = {power, device, auth, ring};
    for (auto& [name, track] : buttons) t.tracks.push_back(track);
    return t;
}

} // namespace ringside::reports
