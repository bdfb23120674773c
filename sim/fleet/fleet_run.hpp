#pragma once
// A whole fleet run (`ringside fleet`, docs/fleet.md): `options.speakers` speakers power on
// at `options.ramp_per_second`, each in its own world against the real server in real
// time, spread over `options.workers` threads (fleet_worker.hpp); with an approval email,
// as many more threads approve each shown code at the verification page (sim/cloud_client/
// page_approver.hpp). The run ends when every speaker is done (linked and refreshed as
// often as asked, or given up), when `options.duration` of wall time has passed, or when
// `interrupt` is set (SIGINT) — whichever comes first — and then waits at most for the
// exchanges in flight (bounded by the transport's timeouts: 3 s connect, 10 s read).
// Units: wall time (std::chrono::steady_clock), seconds in the summary.
// Who may call: one thread; `on_progress` runs on it, about every `progress_every`.
#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "sim/fleet/fleet_options.hpp"
#include "sim/fleet/fleet_tally.hpp"
#include "sim/fleet/fleet_worker.hpp"

namespace ringside::sim {

struct FleetLive {
    double elapsed_s = 0;
    FleetProgress progress;
    std::uint64_t approved = 0;
    double requests_per_second = 0;  // over the last progress interval
};

// One input of a merged summary (reports/merge/fleet_merge.hpp): which shard, whose file.
struct FleetShardPart {
    std::string file;
    int shard_index = 0;
    int speaker_first = 0, speaker_last = 0;  // 0-based, inclusive
};

struct FleetSummary {
    FleetOptions options;  // as run (its password is cleared)
    FleetRange range;      // the speakers this run ran (fleet_shard_range)
    std::int64_t started_unix_ms = 0;  // the wall clock (system_clock) at the run's start
    std::vector<FleetShardPart> merged_from;  // empty for one run; the shards of a merge
    FleetOutcome outcome;
    FleetTally tally;
    double wall_seconds = 0;
    std::string ended_by;  // "done", "duration", "interrupted", "failure"
    std::string failure;   // with "failure": what stopped it (a world that could not be built)
    std::string problem;   // a speaker's problem at the end (IssuerCloud::problem), if any
    // The furthest any speaker's world was behind the wall clock when its worker came to it
    // (the worker was busy with other speakers' exchanges). Beyond a second or so the server saw the
    // speakers later than real ones would have acted: more --workers, or fewer speakers.
    std::chrono::milliseconds max_lag{0};
    bool all_linked() const {
        return outcome.started > 0 && outcome.stayed_linked == outcome.started;
    }
};

FleetSummary run_fleet(const FleetOptions& options, const std::atomic<bool>& interrupt,
                       std::chrono::milliseconds progress_every, const std::function<void(const FleetLive&)>& on_progress);

} // namespace ringside::sim
