#pragma once
// What `ringside fleet` prints and writes: the live progress line, the final summary for a
// person, and the same summary as JSON (field names in docs/fleet.md) for tests and report
// mergers. None of them holds a password, token or code: the tally never had one.
// Who may call: anyone, with a finished run's summary (or a live snapshot).
#include <string>

#include "sim/fleet/fleet_run.hpp"

namespace ringside::sim {

// The run's first line: what is about to happen.
std::string fleet_banner(const FleetOptions& options);
// One line of live counts (no newline): started, linked, refreshes, errors, requests/s.
std::string fleet_progress_line(const FleetLive& live, const FleetOptions& options);
// The summary, several lines, each ending in a newline.
std::string fleet_summary_text(FleetSummary summary);
// The summary as one JSON object (docs/fleet.md). /2: shard and speaker range, every
// speaker's sign-in latency, per-second counts on whole UTC seconds with the first one's
// time, and the start's wall time, so shards merge exactly.
inline constexpr const char* kFleetSchema = "ringside-fleet/2";
std::string fleet_summary_json(FleetSummary summary);

// Speaker-request figures the text and the JSON share.
struct FleetRates {
    double mean_per_second = 0;    // all the speakers' requests / wall seconds of the run
    std::uint64_t peak_per_second = 0;  // the busiest one-second bucket
};
FleetRates fleet_rates(const FleetSummary& summary);

} // namespace ringside::sim
