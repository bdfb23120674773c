#pragma once
// The virtual world's discrete-event scheduler. Time is a count of milliseconds since the
// world started; it never moves backwards and never waits: running an event jumps now() to
// that event's time. Events at the same time run in the order they were scheduled, so a
// run is fully determined by what was scheduled (no wall clock, no threads).
//
// Who may call: the world (VirtualSpeaker) and the board parts it owns, on one thread.
// Actions may schedule and cancel events themselves; they run after the event is removed.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace ringside::sim {

using Millis = std::chrono::milliseconds;

class Scheduler {
public:
    using Action = std::function<void()>;

    // Names one scheduled event for cancel(). A default Handle names nothing.
    struct Handle {
        std::uint32_t slot = 0;
        std::uint64_t sequence = 0;  // 0 = no event
        explicit operator bool() const { return sequence != 0; }
    };

    Millis now() const { return now_; }

    // Schedules `action` at absolute time `at` (a time in the past runs at now()).
    Handle schedule_at(Millis at, Action action);
    Handle schedule_in(Millis delay, Action action) { return schedule_at(now_ + delay, std::move(action)); }

    // Removes a pending event. Returns false when it already ran, was cancelled, or `h` is empty.
    bool cancel(Handle h);

    // Runs the earliest pending event if its time is <= `limit`, moving now() to its time.
    // Returns whether an event ran.
    bool run_next(Millis limit);

    // Moves now() forward to `t` without running anything; earlier times are ignored.
    // Callers must have run every event before `t` first (run_next(t) until it returns false).
    void advance_to(Millis t);

    // Only inside an on_time_moving hook, for `t` in its [from, to): the clock reads `t`.
    // Nothing is due before `to`, so the world is the same at every such instant; only what
    // is a function of time (the ring's animation) moves. Earlier times are ignored.
    void look_at(Millis t) {
        if (t > now_) now_ = t;
    }

    // Time of the earliest pending event, if any.
    std::optional<Millis> next_time();

    std::size_t pending() const { return live_; }

    // A new world on the same clock object (a board emulator given a fresh board): every
    // pending event dropped, now() back at 0. Handles from before name nothing.
    void restart();
    std::uint64_t executed() const { return executed_; }

    // `hook(from, to)` runs whenever now() is about to move forward from `from` to `to`: every
    // event due at or before `from` has run and none is due before `to`, so the world stands
    // still over [from, to). For observers that sample the world at instants of their own
    // (the demo's frames; look_at() sets the clock to each); the hook must not schedule,
    // cancel or run events. Empty: none.
    void on_time_moving(std::function<void(Millis from, Millis to)> hook) { time_moving_ = std::move(hook); }

private:
    // Kept small so the heap moves little; the action lives in a reused slot.
    struct Entry {
        Millis at;
        std::uint64_t sequence;
        std::uint32_t slot;
    };
    struct Later {
        bool operator()(const Entry& a, const Entry& b) const {
            return a.at != b.at ? a.at > b.at : a.sequence > b.sequence;
        }
    };
    struct Slot {
        std::uint64_t sequence = 0;  // of the event it holds; 0 = free
        Action action;
    };

    void drop_stale_top();
    void compact();
    void release(std::uint32_t slot);

    Millis now_{0};
    std::uint64_t next_sequence_ = 1;
    std::uint64_t executed_ = 0;
    std::size_t live_ = 0;
    std::vector<Entry> heap_;          // std::push_heap/pop_heap with Later
    std::vector<Slot> slots_;
    std::vector<std::uint32_t> free_slots_;
    std::function<void(Millis, Millis)> time_moving_;
};

} // namespace ringside::sim
