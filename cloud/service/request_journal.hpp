#pragma once
// The request journal: one JournalEntry per request the service answered, in order, plus
// counts that never stop. With a capacity it is a ring: it holds the newest `capacity`
// entries and drops the oldest, while the total and the per-endpoint/status counts stay
// exact. Without one (capacity 0, every in-process world's cloud) it holds everything, so a
// scenario's request expectations see every request it made.
// Entries are numbered from 0 in arrival order for the journal's whole life; entry `i` can
// be read while first() <= i < total().
// Who may call: the service's owner, one thread (CloudService is single-threaded).
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "cloud/service/cloud_types.hpp"

namespace ringside::cloud {

class RequestJournal {
public:
    // `capacity`: entries held at most; 0 for no limit.
    explicit RequestJournal(std::size_t capacity = 0);

    void append(JournalEntry entry);

    std::size_t capacity() const { return capacity_; }
    std::uint64_t total() const { return total_; }              // every request ever appended
    std::uint64_t first() const { return total_ - slots_.size(); }  // the oldest held; = dropped
    std::uint64_t dropped() const { return first(); }
    std::size_t held() const { return slots_.size(); }
    // Entry number `index`, for first() <= index < total().
    const JournalEntry& at(std::uint64_t index) const;

    // How many requests each (endpoint, status) pair got, over the journal's whole life.
    const std::map<std::pair<std::string, int>, std::uint64_t>& counts() const { return counts_; }

    // Every held entry in order, as one vector: the slots themselves while nothing has been
    // dropped (always, without a capacity), else a copy made on each call.
    const std::vector<JournalEntry>& in_order() const;

private:
    std::size_t capacity_;
    std::vector<JournalEntry> slots_;  // entry i lives at i % capacity_ (at i without one)
    std::uint64_t total_ = 0;
    std::map<std::pair<std::string, int>, std::uint64_t> counts_;
    mutable std::vector<JournalEntry> ordered_copy_;
};

} // namespace ringside::cloud
