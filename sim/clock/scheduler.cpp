#include "sim/clock/scheduler.hpp"

#include <algorithm>
#include <utility>

namespace ringside::sim {

Scheduler::Handle Scheduler::schedule_at(Millis at, Action action) {
    std::uint32_t slot;
    if (!free_slots_.empty()) {
        slot = free_slots_.back();
        free_slots_.pop_back();
    } else {
        slot = static_cast<std::uint32_t>(slots_.size());
        slots_.emplace_back();
    }
    const std::uint64_t sequence = next_sequence_++;
    slots_[slot].sequence = sequence;
    slots_[slot].action = std::move(action);
    heap_.push_back(Entry{std::max(at, now_), sequence, slot});
    std::push_heap(heap_.begin(), heap_.end(), Later{});
    ++live_;
    return Handle{slot, sequence};
}

bool Scheduler::cancel(Handle h) {
    if (!h || h.slot >= slots_.size() || slots_[h.slot].sequence != h.sequence) return false;
    // The heap entry stays behind; it is recognised as stale (sequence mismatch) and skipped.
    release(h.slot);
    --live_;
    // Timers re-armed over and over leave many stale entries; rebuild before they dominate.
    if (heap_.size() > 64 && heap_.size() > 4 * live_) compact();
    return true;
}

void Scheduler::compact() {
    heap_.erase(std::remove_if(heap_.begin(), heap_.end(),
                               [this](const Entry& e) { return slots_[e.slot].sequence != e.sequence; }),
                heap_.end());
    std::make_heap(heap_.begin(), heap_.end(), Later{});
}

void Scheduler::release(std::uint32_t slot) {
    slots_[slot].sequence = 0;
    slots_[slot].action = nullptr;
    free_slots_.push_back(slot);
}

void Scheduler::drop_stale_top() {
    while (!heap_.empty() && slots_[heap_.front().slot].sequence != heap_.front().sequence) {
        std::pop_heap(heap_.begin(), heap_.end(), Later{});
        heap_.pop_back();
    }
}

void Scheduler::restart() {
    for (std::uint32_t slot = 0; slot < slots_.size(); ++slot)
        if (slots_[slot].sequence != 0) release(slot);
    heap_.clear();
    live_ = 0;
    now_ = Millis{0};
}

bool Scheduler::run_next(Millis limit) {
    drop_stale_top();
    if (heap_.empty() || heap_.front().at > limit) return false;
    if (time_moving_ && heap_.front().at > now_) time_moving_(now_, heap_.front().at);
    const Entry entry = heap_.front();
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    heap_.pop_back();
    // Take the action out first: it may schedule new events, which can reuse this slot.
    Action action = std::move(slots_[entry.slot].action);
    release(entry.slot);
    --live_;
    now_ = entry.at;
    ++executed_;
    action();
    return true;
}

void Scheduler::advance_to(Millis t) {
    if (t <= now_) return;
    if (time_moving_) time_moving_(now_, t);
    now_ = t;
}

std::optional<Millis> Scheduler::next_time() {
    drop_stale_top();
    if (heap_.empty()) return std::nullopt;
    return heap_.front().at;
}

} // namespace ringside::sim
