#include "sim/board/virtual_timers.hpp"

#include <algorithm>

namespace ringside::sim {

void VirtualTimers::arm(hal::TimerId id, hal::Millis delay) {
    if (id >= hal::kMaxTimers) {
        ++invalid_ids_;
        return;
    }
    cancel(id);
    Slot& slot = slots_[id];
    const std::uint32_t generation = slot.generation;
    slot.due = bus_.scheduler().now() + std::max(delay, hal::Millis{0});
    slot.pending = bus_.scheduler().schedule_at(slot.due, [this, id, generation] { fire(id, generation); });
}

void VirtualTimers::cancel(hal::TimerId id) {
    if (id >= hal::kMaxTimers) return;
    Slot& slot = slots_[id];
    ++slot.generation;
    bus_.scheduler().cancel(slot.pending);
    slot.pending = {};
}

void VirtualTimers::fire(hal::TimerId id, std::uint32_t generation) {
    Slot& slot = slots_[id];
    if (!slot.pending || slot.generation != generation) return;
    slot.pending = {};
    bus_.dispatch(fw::Event::timer_expired(id));
}

void VirtualTimers::reset() {
    for (hal::TimerId id = 0; id < hal::kMaxTimers; ++id) cancel(id);
}

bool VirtualTimers::armed(hal::TimerId id) const { return id < hal::kMaxTimers && slots_[id].pending; }

Millis VirtualTimers::due(hal::TimerId id) const { return id < hal::kMaxTimers ? slots_[id].due : Millis{0}; }

} // namespace ringside::sim
