#pragma once
// hal::Clock over virtual time. The firmware's clock counts from power-on, while the
// scheduler counts from the start of the world, so the clock keeps the world time of the
// last power-on and subtracts it.
// Who may call: now() — the firmware; mark_power_on() — the world when it powers on.
#include "firmware/hal/clock.hpp"
#include "sim/clock/scheduler.hpp"

namespace ringside::sim {

class VirtualClock final : public hal::Clock {
public:
    explicit VirtualClock(const Scheduler& scheduler) : scheduler_(scheduler) {}

    hal::Millis now() const override { return scheduler_.now() - powered_on_at_; }

    void mark_power_on() { powered_on_at_ = scheduler_.now(); }
    Millis powered_on_at() const { return powered_on_at_; }  // world time

private:
    const Scheduler& scheduler_;
    Millis powered_on_at_{0};
};

} // namespace ringside::sim
