#pragma once
// The board kit's discrete-event queue: what sim::Scheduler is to the board emulator, with
// no heap and no std::function. Time is world time in ms (the host's lockstep clock,
// continuous across power cycles); it never moves backwards and never waits. Events due at
// the same time run in scheduling order, exactly as the simulator's scheduler orders them,
// so that a lockstep board plays the same instant in the same order as the virtual speaker
// (the firmware's reaction to a timer can differ depending on whether a microphone frame
// came first).
//
// Scheduling order is a 64-bit counter handed out at schedule time. A part that knows
// several future events at once (the microphone: every frame of an utterance is "scheduled"
// when the person speaks, as the simulator schedules them all in speak()) reserves a block
// of the counter then and posts each event later with its reserved number, so it keeps only
// its next event in the queue and still ties with timers exactly as the simulator does.
//
// Fixed capacity: every timer slot (hal::kMaxTimers), the loudspeaker, the microphone and
// the port's LED refresh each hold at most one pending event, so a board built from this
// kit can never overflow it; overflows() counts it anyway (a part that breaks that rule).
// Who may call: the board's parts and its port, on the port's loop (never from an ISR).
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>

#include "firmware/hal/timers.hpp"

namespace ringside::kit {

using Millis = std::chrono::milliseconds;

// What runs when an event is due: the part that scheduled it, told which of its events.
class DueHandler {
public:
    virtual void on_due(std::uint32_t tag) = 0;

protected:
    ~DueHandler() = default;
};

class EventQueue {
public:
    static constexpr std::size_t kCapacity = hal::kMaxTimers + 3;  // timers, loudspeaker, microphone, LED refresh

    // Names one scheduled event for cancel(). A default Handle names nothing.
    struct Handle {
        std::uint8_t slot = 0;
        std::uint64_t order = 0;  // 0 = no event
        explicit operator bool() const { return order != 0; }
    };

    Millis now() const { return now_; }

    // Schedules `handler.on_due(tag)` at world time `at` (a time in the past runs at now()),
    // after everything scheduled before it for the same time. Empty handle when full.
    Handle schedule_at(Millis at, DueHandler& handler, std::uint32_t tag);

    // Takes `count` consecutive scheduling numbers now and returns the first: events posted
    // later with schedule_reserved() order as if they had been scheduled at this moment.
    std::uint64_t reserve_order(std::uint64_t count);
    // Schedules with a number from reserve_order() (each used once).
    Handle schedule_reserved(Millis at, std::uint64_t order, DueHandler& handler, std::uint32_t tag);

    // Removes a pending event. False when it already ran, was cancelled, or `h` is empty.
    bool cancel(Handle h);

    // Runs the earliest pending event if it is due at or before `limit`, moving now() to its
    // time first. Returns whether an event ran. The handler may schedule and cancel.
    bool run_next(Millis limit);

    // Time of the earliest pending event; false when none is pending.
    bool next_time(Millis& at) const;

    // Moves now() forward to `t` without running anything; earlier times are ignored.
    // Callers run every event before `t` first (run_next(t) until it returns false).
    void advance_to(Millis t) {
        if (t > now_) now_ = t;
    }

    std::size_t pending() const;
    // A new world: nothing pending, the clock back at 0. Whoever held a Handle drops it.
    void restart() {
        entries_.fill(Entry{});
        now_ = Millis{0};
    }
    std::uint32_t overflows() const { return overflows_; }

private:
    struct Entry {
        Millis at{0};
        std::uint64_t order = 0;  // 0 = free slot
        DueHandler* handler = nullptr;
        std::uint32_t tag = 0;
    };
    // The slot of the earliest pending event (by time, then order); kCapacity when none.
    // A linear scan: with at most kCapacity entries it beats keeping a heap in order.
    std::size_t earliest() const;
    Handle place(Millis at, std::uint64_t order, DueHandler& handler, std::uint32_t tag);

    Millis now_{0};
    std::uint64_t next_order_ = 1;
    std::uint32_t overflows_ = 0;
    std::array<Entry, kCapacity> entries_{};
};

} // namespace ringside::kit
