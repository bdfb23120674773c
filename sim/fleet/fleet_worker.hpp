#pragma once
// One of the fleet's threads: it owns every `count`-th speaker from `first` on, up to
// `end` (exclusive; the shard's last speaker + 1), powers each on at its ramp instant (run start + i / ramp)
// and keeps them all on the wall clock, pass after pass, sleeping out the rest of each
// short tick. An HTTP exchange blocks only the speakers of its own worker. Worlds are built
// and run on this thread only.
// Units: wall instants of std::chrono::steady_clock.
// Who may call: run() on the worker's thread; progress() from any thread; tally() and the
// speaker counts only after run() returned.
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sim/fleet/approval_queue.hpp"
#include "sim/fleet/fleet_options.hpp"
#include "sim/fleet/fleet_speaker.hpp"
#include "sim/fleet/fleet_tally.hpp"

namespace ringside::sim {

// Counts for the live progress line, copied out under the worker's lock.
struct FleetProgress {
    int started = 0;
    int linked = 0;      // linked now (done ones included)
    int gave_up = 0;
    std::uint64_t refreshes = 0;
    std::uint64_t requests = 0;
    std::uint64_t errors = 0;
    bool finished = false;  // every speaker of the worker started and done (or gave up)
    std::string problem;    // the last speaker's problem() line, empty when none
    FleetProgress& operator+=(const FleetProgress& o);
};

struct FleetOutcome {
    int started = 0, linked = 0, stayed_linked = 0, lost_link = 0, gave_up = 0, done = 0;
};

class FleetWorker {
public:
    FleetWorker(const FleetOptions& options, int first, int count, int end, std::chrono::steady_clock::time_point run_start,
                ApprovalQueue* approvals);
    ~FleetWorker();

    // Runs until `stop` is set, or every speaker of this worker is started and done. Checks
    // `stop` between speakers, so it returns within one HTTP exchange of it.
    void run(const std::atomic<bool>& stop);

    FleetProgress progress() const;
    FleetTally& tally() { return tally_; }
    FleetOutcome outcome() const;
    // After run(): the furthest one of its worlds was behind the wall clock at a step.
    std::chrono::milliseconds max_lag() const { return max_lag_; }
    // Set when a world could not be built (what it said); the worker then stops.
    const std::string& failure() const { return failure_; }

private:
    void publish(bool finished);

    const FleetOptions& options_;
    const int first_, count_, end_;
    const std::chrono::steady_clock::time_point run_start_;
    ApprovalQueue* approvals_;
    std::vector<std::unique_ptr<FleetSpeaker>> speakers_;
    FleetTally tally_;
    std::string failure_;
    std::chrono::milliseconds max_lag_{0};
    mutable std::mutex mutex_;
    FleetProgress progress_;
};

} // namespace ringside::sim
