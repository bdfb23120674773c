#include "hil/boards/common/kit_timers.hpp"

namespace ringside::kit {

void KitTimers::arm(hal::TimerId id, hal::Millis delay) {
    if (id >= hal::kMaxTimers) {
        ++invalid_ids_;
        return;
    }
    cancel(id);
    Slot& slot = slots_[id];
    slot.due = queue_.now() + (delay > hal::Millis{0} ? delay : hal::Millis{0});
    slot.pending = queue_.schedule_at(slot.due, *this, id);
}

void KitTimers::cancel(hal::TimerId id) {
    if (id >= hal::kMaxTimers) return;
    Slot& slot = slots_[id];
    queue_.cancel(slot.pending);
    slot.pending = {};
}

void KitTimers::on_due(std::uint32_t id) {
    // Only a pending expiry is ever in the queue (arm and cancel remove the old one), so
    // unlike VirtualTimers no generation check is needed to keep a replaced one from firing.
    slots_[id].pending = {};
    firmware_.deliver(fw::Event::timer_expired(static_cast<hal::TimerId>(id)));
}

void KitTimers::reset() {
    for (hal::TimerId id = 0; id < hal::kMaxTimers; ++id) cancel(id);
}

bool KitTimers::armed(hal::TimerId id) const { return id < hal::kMaxTimers && slots_[id].pending; }

Millis KitTimers::due(hal::TimerId id) const { return id < hal::kMaxTimers ? slots_[id].due : Millis{0}; }

} // namespace ringside::kit
