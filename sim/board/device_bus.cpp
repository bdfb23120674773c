#include "sim/board/device_bus.hpp"

#include <cassert>
#include <utility>

namespace ringside::sim {

void DeviceBus::attach(Sink sink) {
    ++generation_;
    sink_ = std::move(sink);
}

void DeviceBus::detach() {
    ++generation_;
    sink_ = nullptr;
}

Scheduler::Handle DeviceBus::post_at(Millis at, std::function<void()> deliver) {
    const std::uint64_t generation = generation_;
    return scheduler_.schedule_at(at, [this, generation, deliver = std::move(deliver)] {
        if (generation == generation_ && attached()) deliver();
    });
}

void DeviceBus::dispatch(const fw::Event& event) {
    assert(!dispatching_ && "re-entrant dispatch: post through the scheduler instead");
    if (!sink_ || dispatching_) return;
    dispatching_ = true;
    ++delivered_;
    sink_(event);
    dispatching_ = false;
}

} // namespace ringside::sim
