#pragma once
// The one path by which events reach the firmware. Board parts post deliveries on the
// scheduler; each delivery remembers which firmware instance (power generation) it was meant
// for and is dropped if the speaker has been powered off since. That is what makes
// power_off() safe while timers, HTTP responses or Wi-Fi outcomes are still in flight.
//
// Who may call: the world and its board parts, on the world's thread.
#include <cstdint>
#include <functional>

#include "firmware/core/event.hpp"
#include "sim/clock/scheduler.hpp"

namespace ringside::sim {

class DeviceBus {
public:
    using Sink = std::function<void(const fw::Event&)>;

    explicit DeviceBus(Scheduler& scheduler) : scheduler_(scheduler) {}

    // Power-on: events now go to `sink`. Starts a new generation.
    void attach(Sink sink);
    // Power-off: nothing is delivered until the next attach(); pending posts are void.
    void detach();
    bool attached() const { return static_cast<bool>(sink_); }
    std::uint64_t generation() const { return generation_; }

    // Runs `deliver` at `at` if the firmware attached now is still attached then. `deliver`
    // owns whatever the event's views point into and calls dispatch() itself.
    Scheduler::Handle post_at(Millis at, std::function<void()> deliver);

    // Hands `event` to the firmware now, if attached. Never from inside a dispatch: the
    // firmware is run-to-completion, so the board defers everything through the scheduler.
    void dispatch(const fw::Event& event);

    Scheduler& scheduler() { return scheduler_; }
    std::uint64_t delivered() const { return delivered_; }

private:
    Scheduler& scheduler_;
    Sink sink_;
    std::uint64_t generation_ = 0;
    std::uint64_t delivered_ = 0;
    bool dispatching_ = false;
};

} // namespace ringside::sim
