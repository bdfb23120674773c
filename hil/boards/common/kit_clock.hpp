#pragma once
// hal::Clock for a lockstep board: uptime since the last power-on, as the firmware of a real
// board reads its tick counter. The queue counts world time (continuous across power
// cycles, as the host grants it), so the clock keeps the world time of the last power-on and
// subtracts it — sim::VirtualClock's arithmetic, so both firmwares read the same uptimes.
// Who may call: now() — the firmware; mark_power_on() — the board as it powers on.
#include "firmware/hal/clock.hpp"
#include "hil/boards/common/event_queue.hpp"

namespace ringside::kit {

class KitClock final : public hal::Clock {
public:
    explicit KitClock(const EventQueue& queue) : queue_(queue) {}

    hal::Millis now() const override { return queue_.now() - powered_on_at_; }

    void mark_power_on() { powered_on_at_ = queue_.now(); }
    Millis powered_on_at() const { return powered_on_at_; }  // world time, ms

private:
    const EventQueue& queue_;
    Millis powered_on_at_{0};
};

} // namespace ringside::kit
