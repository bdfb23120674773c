#pragma once
// The Trace Event format (the JSON Perfetto and chrome://tracing open) of one scenario:
// one thread per track, each state a complete ("X") slice lasting until the next change,
// requests, responses, speech and app/user actions as instant ("i") events on an
// "events" thread. Timestamps are virtual microseconds; deterministic.
#include <ostream>

#include "reports/signal_timeline.hpp"

namespace ringside::reports {

void write_trace_events(std::ostream& out, const SignalTimeline& timeline, const std::string& scenario_name);

} // namespace ringside::reports
