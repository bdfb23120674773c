#pragma once
// One speaker of a fleet: the real firmware in a world of its own (sim/issuer/
// issuer_session.hpp: its own seed, serial number and flash) against the real server, and
// what the fleet keeps about it — which of its exchanges were counted, when it linked,
// whether it stayed linked, how many refreshes it did, which codes went to the approver.
// Units: wall instants of std::chrono::steady_clock; latencies in milliseconds.
// Who may call: the one worker thread that owns it (its world is single-threaded).
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "sim/fleet/approval_queue.hpp"
#include "sim/fleet/fleet_options.hpp"
#include "sim/fleet/fleet_tally.hpp"
#include "sim/issuer/issuer_session.hpp"

namespace ringside::sim {

enum class FleetSpeakerState {
    Waiting,    // not linked yet (discovering, showing a code, polling)
    Linked,     // holds tokens; refreshing ahead of expiry
    Done,       // linked and did the refreshes asked for: no longer run
    GaveUp,     // the firmware stopped (auth Failed or device Error)
};

// "RSF" and the 1-based index in 7 digits (RSF0000001): a serial number the verification
// page accepts (1-64 of A-Za-z0-9-_.), and one a person can find in the server's logs.
std::string fleet_serial_number(int index);

class FleetSpeaker {
public:
    // Builds the world and powers the speaker on at `wall_now`; `run_start` is the run's
    // first instant (for the per-second buckets). Throws std::invalid_argument for an issuer
    // that is not an absolute http(s) URL.
    FleetSpeaker(const FleetOptions& options, int index, std::chrono::steady_clock::time_point run_start,
                 std::chrono::steady_clock::time_point wall_now);
    ~FleetSpeaker();

    // Moves the world to `wall_now` (may block for the HTTP exchanges that fall due), counts
    // its new exchanges into `tally` and posts a newly shown user code to `approvals`
    // (nullptr: nobody approves).
    // Returns how far the world was behind `wall_now` when the step began: the longest an
    // event due since the previous step may have waited.
    std::chrono::milliseconds step(std::chrono::steady_clock::time_point wall_now, FleetTally& tally,
                                   ApprovalQueue* approvals);

    FleetSpeakerState state() const { return state_; }
    bool ever_linked() const { return ever_linked_; }
    // Linked once, then seen back in setup or signed out (a refresh rejected, a revoked grant).
    bool lost_link() const { return lost_link_; }
    // Linked at the last step (or when it was done); false for a speaker that lost it since.
    bool linked_now() const;
    int refreshes() const { return refreshes_; }
    // Why the sign-in cannot go on as far as the wire shows (IssuerCloud::problem); never a secret.
    const std::string& problem() const { return session_->issuer().problem(); }

private:
    const FleetOptions& options_;
    std::chrono::milliseconds born_{0};  // wall time after the run's start when it powered on
    std::chrono::milliseconds virtual_at_power_on_{0};
    std::unique_ptr<IssuerSession> session_;
    std::size_t journal_seen_ = 0;
    std::string last_code_;  // the last code handed to the approver (in memory only)
    FleetSpeakerState state_ = FleetSpeakerState::Waiting;
    bool ever_linked_ = false;
    bool lost_link_ = false;
    int refreshes_ = 0;
};

} // namespace ringside::sim
