#pragma once
// A scenario's trace as signals over virtual time: the state-like records (device state,
// auth state, ring pattern, power, buttons) become named tracks of value changes, and the
// rest (requests, responses, speech, app and user actions) become instant marks. The VCD
// and trace-event writers both draw from this one reading of the trace.
#include <map>
#include <string>
#include <vector>

#include "sim/virtual_speaker.hpp"

namespace ringside::reports {

using sim::Millis;

struct Change {
    Millis at{0};
    std::string value;
};

struct Track {
    std::string name;                 // "device", "auth", "ring", "power", "button.action", ...
    std::vector<std::string> values;  // every value the track takes, in first-seen order
    std::vector<Change> changes;      // in time order; consecutive duplicates removed
};

struct Mark {
    Millis at{0};
    std::string category, event, detail;
};

struct SignalTimeline {
    std::vector<Track> tracks;  // fixed order: power, device, auth, ring, then buttons by name
    std::vector<Mark> marks;
    Millis end{0};              // the scenario's last instant
};

SignalTimeline read_timeline(const std::vector<sim::TraceLine>& trace, Millis end);

} // namespace ringside::reports
