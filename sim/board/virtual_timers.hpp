#pragma once
// hal::Timers over the scheduler. Each armed timer is one scheduled delivery of
// Event::timer_expired(id) through the DeviceBus. Re-arming or cancelling bumps the timer's
// generation as well as cancelling the scheduled event, so a replaced expiry can never fire
// even if its event were already on its way.
// Who may call: arm/cancel — the firmware, from dispatch; reset/test face — the world/tests.
#include <array>
#include <cstdint>

#include "firmware/hal/timers.hpp"
#include "sim/board/device_bus.hpp"

namespace ringside::sim {

class VirtualTimers final : public hal::Timers {
public:
    explicit VirtualTimers(DeviceBus& bus) : bus_(bus) {}

    void arm(hal::TimerId id, hal::Millis delay) override;
    void cancel(hal::TimerId id) override;

    // Power-off: every timer disarmed.
    void reset();

    // Test face.
    bool armed(hal::TimerId id) const;
    // World time the timer will fire at; meaningful only while armed(id).
    Millis due(hal::TimerId id) const;
    // arm() calls with an id >= kMaxTimers (a firmware bug; ignored otherwise).
    std::uint32_t invalid_ids() const { return invalid_ids_; }

private:
    struct Slot {
        Scheduler::Handle pending;  // empty while disarmed
        std::uint32_t generation = 0;
        Millis due{0};
    };

    void fire(hal::TimerId id, std::uint32_t generation);

    DeviceBus& bus_;
    std::array<Slot, hal::kMaxTimers> slots_{};
    std::uint32_t invalid_ids_ = 0;
};

} // namespace ringside::sim
