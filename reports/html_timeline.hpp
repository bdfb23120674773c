#pragma once
// The timeline block of one scenario in the HTML report: the ring pattern as a strip in the
// ring's colours, the device and auth states as labelled lanes under it, a time axis in
// virtual time and a legend of the patterns the strip shows. Static HTML and CSS only.
// Who may call: reports/html_report.cpp.
#include <ostream>
#include <string>

#include "reports/signal_timeline.hpp"

namespace ringside::reports {

// The ring's look in the strip, close to what a person sees on the device ("#rrggbb").
std::string ring_colour(const std::string& pattern);

// The CSS the timeline's markup needs (the report puts it in its one <style>).
extern const char* const kTimelineStyle;

// Writes nothing when the scenario has no ring pattern or takes no virtual time.
void write_html_timeline(std::ostream& out, const SignalTimeline& timeline);

} // namespace ringside::reports
