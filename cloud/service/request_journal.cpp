#include "cloud/service/request_journal.hpp"

namespace ringside::cloud {

RequestJournal::RequestJournal(std::size_t capacity) : capacity_(capacity) {}

void RequestJournal::append(JournalEntry entry) {
    ++counts_[{entry.endpoint, entry.status}];
    if (capacity_ == 0 || slots_.size() < capacity_) {
        slots_.push_back(std::move(entry));
    } else {
        slots_[total_ % capacity_] = std::move(entry);
    }
    ++total_;
}

const JournalEntry& RequestJournal::at(std::uint64_t index) const {
    return slots_[capacity_ == 0 ? index : index % capacity_];
}

const std::vector<JournalEntry>& RequestJournal::in_order() const {
    if (dropped() == 0) return slots_;
    ordered_copy_.clear();
    ordered_copy_.reserve(slots_.size());
    for (std::uint64_t i = first(); i < total_; ++i) ordered_copy_.push_back(at(i));
    return ordered_copy_;
}

} // namespace ringside::cloud
