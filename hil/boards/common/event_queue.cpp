#include "hil/boards/common/event_queue.hpp"

namespace ringside::kit {

EventQueue::Handle EventQueue::schedule_at(Millis at, DueHandler& handler, std::uint32_t tag) {
    return place(at, next_order_++, handler, tag);
}

std::uint64_t EventQueue::reserve_order(std::uint64_t count) {
    const std::uint64_t first = next_order_;
    next_order_ += count;
    return first;
}

EventQueue::Handle EventQueue::schedule_reserved(Millis at, std::uint64_t order, DueHandler& handler,
                                                 std::uint32_t tag) {
    if (order == 0 || order >= next_order_) {  // never handed out: it would tie wrongly
        ++overflows_;
        return Handle{};
    }
    return place(at, order, handler, tag);
}

EventQueue::Handle EventQueue::place(Millis at, std::uint64_t order, DueHandler& handler, std::uint32_t tag) {
    for (std::size_t i = 0; i < kCapacity; ++i) {
        Entry& e = entries_[i];
        if (e.order != 0) continue;
        // As sim::Scheduler: an event in the past runs now, never earlier.
        e = Entry{at > now_ ? at : now_, order, &handler, tag};
        return Handle{static_cast<std::uint8_t>(i), order};
    }
    ++overflows_;
    return Handle{};
}

bool EventQueue::cancel(Handle h) {
    if (!h || h.slot >= kCapacity || entries_[h.slot].order != h.order) return false;
    entries_[h.slot] = Entry{};
    return true;
}

std::size_t EventQueue::earliest() const {
    std::size_t best = kCapacity;
    for (std::size_t i = 0; i < kCapacity; ++i) {
        const Entry& e = entries_[i];
        if (e.order == 0) continue;
        if (best == kCapacity || e.at < entries_[best].at ||
            (e.at == entries_[best].at && e.order < entries_[best].order))
            best = i;
    }
    return best;
}

bool EventQueue::run_next(Millis limit) {
    const std::size_t i = earliest();
    if (i == kCapacity || entries_[i].at > limit) return false;
    // Free the slot first: the handler may schedule again, reusing it.
    const Entry due = entries_[i];
    entries_[i] = Entry{};
    now_ = due.at;
    due.handler->on_due(due.tag);
    return true;
}

bool EventQueue::next_time(Millis& at) const {
    const std::size_t i = earliest();
    if (i == kCapacity) return false;
    at = entries_[i].at;
    return true;
}

std::size_t EventQueue::pending() const {
    std::size_t n = 0;
    for (const Entry& e : entries_) n += e.order != 0 ? 1 : 0;
    return n;
}

} // namespace ringside::kit
