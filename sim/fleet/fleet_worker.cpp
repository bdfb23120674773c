#include "sim/fleet/fleet_worker.hpp"

#include <algorithm>
#include <stdexcept>
#include <thread>

namespace ringside::sim {
namespace {

using Clock = std::chrono::steady_clock;

// How often a worker looks at its speakers. The firmware's timers are seconds apart (polls,
// refreshes); 10 ms keeps each exchange within a tick of its virtual instant while idle
// passes cost little (measured in docs/fleet.md).
constexpr auto kTick = std::chrono::milliseconds(10);
// The progress counts walk every speaker: a few times a second is plenty for a person.
constexpr auto kPublishEvery = std::chrono::milliseconds(100);

} // namespace

FleetProgress& FleetProgress::operator+=(const FleetProgress& o) {
    started += o.started;
    linked += o.linked;
    gave_up += o.gave_up;
    refreshes += o.refreshes;
    requests += o.requests;
    errors += o.errors;
    finished = finished && o.finished;
    if (problem.empty()) problem = o.problem;
    return *this;
}

FleetWorker::FleetWorker(const FleetOptions& options, int first, int count, int end, Clock::time_point run_start,
                         ApprovalQueue* approvals)
    : options_(options), first_(first), count_(count), end_(end), run_start_(run_start), approvals_(approvals) {}

FleetWorker::~FleetWorker() = default;

void FleetWorker::run(const std::atomic<bool>& stop) {
    int next = first_;
    auto tick = Clock::now();
    auto published = tick - kPublishEvery;
    while (!stop.load()) {
        // Start those whose ramp instant has come: speaker i powers on at start + i / ramp.
        while (next < end_ && !stop.load()) {
            const auto due = run_start_ + std::chrono::duration_cast<Clock::duration>(
                                              std::chrono::duration<double>(next / options_.ramp_per_second));
            const auto now = Clock::now();
            if (due > now) break;
            try {
                speakers_.push_back(std::make_unique<FleetSpeaker>(options_, next, run_start_, now));
            } catch (const std::exception& e) {
                failure_ = e.what();
                publish(true);
                return;
            }
            next += count_;
        }
        if (stop.load()) break;
        bool all_done = next >= end_;
        for (auto& speaker : speakers_) {
            if (stop.load()) break;
            max_lag_ = std::max(max_lag_, speaker->step(Clock::now(), tally_, approvals_));
            const FleetSpeakerState s = speaker->state();
            all_done = all_done && (s == FleetSpeakerState::Done || s == FleetSpeakerState::GaveUp);
        }
        if (all_done || Clock::now() - published >= kPublishEvery) {
            publish(all_done);
            published = Clock::now();
        }
        if (all_done) return;
        tick += kTick;
        const auto now = Clock::now();
        // Behind by more than a tick (a slow exchange): start afresh rather than race to catch up.
        if (tick < now) tick = now;
        std::this_thread::sleep_until(tick);
    }
    publish(false);
}

void FleetWorker::publish(bool finished) {
    FleetProgress p;
    p.started = static_cast<int>(speakers_.size());
    for (const auto& speaker : speakers_) {
        if (speaker->linked_now()) ++p.linked;
        if (speaker->state() == FleetSpeakerState::GaveUp) ++p.gave_up;
        if (p.problem.empty() && !speaker->ever_linked()) p.problem = speaker->problem();
    }
    p.refreshes = tally_.refreshes;
    p.requests = tally_.total_requests();
    p.errors = tally_.errors();
    p.finished = finished;
    std::lock_guard<std::mutex> lock(mutex_);
    progress_ = std::move(p);
}

FleetProgress FleetWorker::progress() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return progress_;
}

FleetOutcome FleetWorker::outcome() const {
    FleetOutcome o;
    for (const auto& speaker : speakers_) {
        ++o.started;
        if (speaker->ever_linked()) ++o.linked;
        if (speaker->ever_linked() && !speaker->lost_link() && speaker->linked_now()) ++o.stayed_linked;
        if (speaker->lost_link()) ++o.lost_link;
        if (speaker->state() == FleetSpeakerState::GaveUp) ++o.gave_up;
        if (speaker->state() == FleetSpeakerState::Done) ++o.done;
    }
    return o;
}

} // namespace ringside::sim
