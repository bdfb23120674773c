#pragma once
// hal::Timers on the kit's event queue, with sim::VirtualTimers' semantics: each armed
// timer is one queued expiry; arming again replaces it (the new expiry is ordered after
// everything already scheduled for its instant, as the simulator orders it), cancelling
// removes it, a negative delay fires at the current instant, never in the past, and an id
// of kMaxTimers or more is counted and ignored. Expiry reaches the firmware as
// Event::timer_expired(id) through the board's FirmwareInbox.
// Who may call: arm/cancel — the firmware, from dispatch; reset — the board at power-off;
// armed/due/invalid_ids — the port and tests.
#include <array>
#include <cstdint>

#include "firmware/hal/timers.hpp"
#include "hil/boards/common/event_queue.hpp"
#include "hil/boards/common/firmware_inbox.hpp"

namespace ringside::kit {

class KitTimers final : public hal::Timers, private DueHandler {
public:
    KitTimers(EventQueue& queue, FirmwareInbox& firmware) : queue_(queue), firmware_(firmware) {}
    KitTimers(const KitTimers&) = delete;
    KitTimers& operator=(const KitTimers&) = delete;

    void arm(hal::TimerId id, hal::Millis delay) override;
    void cancel(hal::TimerId id) override;

    // Power-off: every timer disarmed.
    void reset();

    bool armed(hal::TimerId id) const;
    // World time (ms) the timer will fire at; meaningful only while armed(id).
    Millis due(hal::TimerId id) const;
    std::uint32_t invalid_ids() const { return invalid_ids_; }

private:
    void on_due(std::uint32_t id) override;

    struct Slot {
        EventQueue::Handle pending;  // empty while disarmed
        Millis due{0};
    };
    EventQueue& queue_;
    FirmwareInbox& firmware_;
    std::array<Slot, hal::kMaxTimers> slots_{};
    std::uint32_t invalid_ids_ = 0;
};

} // namespace ringside::kit
