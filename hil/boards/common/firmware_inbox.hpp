#pragma once
// The one path by which the board's own parts (timers, loudspeaker, microphone) hand an
// event to the firmware, as sim::DeviceBus is for the virtual board: the event is
// dispatched into the powered Speaker now (and the agent then observes it), or dropped
// while the board is off.
// Who implements: the board (KitBoard). Who calls: the parts, from their DueHandler::on_due,
// i.e. from inside EventQueue::run_next on the port's loop, never from a dispatch.
#include <cstdint>

#include "firmware/core/event.hpp"

namespace ringside::kit {

class FirmwareInbox {
public:
    virtual void deliver(const fw::Event& event) = 0;
    // Counts power-ons and power-offs (sim::DeviceBus's generation): something meant for one
    // firmware instance is void for any later one, as a DMA block queued before a power
    // cycle never reaches the firmware after it.
    virtual std::uint32_t power_generation() const = 0;
    virtual bool powered() const = 0;

protected:
    ~FirmwareInbox() = default;
};

} // namespace ringside::kit
