#include "reports/phrase_finder.hpp"

#include <algorithm>
#include <cstring>

namespace ringside::reports {
namespace {

constexpr std::uint32_t kNone = 0xffffffffu;

// The w (4..8) bytes ending at `end`, as a number, mixed with w so windows of different
// widths land apart.
std::uint64_t window_hash(const char* end, std::size_t w) {
    std::uint64_t v = 0;
    std::memcpy(&v, end - w, w);
    v ^= static_cast<std::uint64_t>(w) << 61;
    v *= 0x9e3779b97f4a7c15ull;
    return v ^ (v >> 29);
}

} // namespace

PhraseFinder::PhraseFinder(const std::vector<std::string>& phrases) {
    std::size_t count = 0;
    for (const std::string& p : phrases)
        if (p.size() >= kMinLength) {
            bytes_ += p;
            offsets_.push_back(static_cast<std::uint32_t>(bytes_.size() - p.size()));
            ++count;
        }
    offsets_.push_back(static_cast<std::uint32_t>(bytes_.size()));
    std::size_t size = 16;
    while (size < count * 2) size *= 2;
    buckets_.assign(size, kNone);
    filter_.assign(size * 4 / 64, 0);  // 4 bits per bucket: few false hits, cheap to reject
    mask_ = size - 1;
    next_.assign(count, kNone);
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::string_view p = phrase(i);
        const std::size_t w = std::min(p.size(), kWindow);
        const std::uint64_t h = window_hash(p.data() + p.size(), w);
        next_[i] = buckets_[h & mask_];
        buckets_[h & mask_] = i;
        const std::uint64_t bit = (h >> 32) & (filter_.size() * 64 - 1);
        filter_[bit / 64] |= 1ull << (bit % 64);
        windows_ |= 1u << w;
    }
}

std::string_view PhraseFinder::phrase(std::uint32_t i) const {
    return std::string_view(bytes_).substr(offsets_[i], offsets_[i + 1] - offsets_[i]);
}

std::size_t PhraseFinder::longest_ending_at(std::string_view text, std::size_t end) const {
    std::size_t longest = 0;
    for (std::size_t w = kMinLength; w <= kWindow && w <= end; ++w) {
        if ((windows_ & (1u << w)) == 0) continue;
        const std::uint64_t h = window_hash(text.data() + end, w);
        const std::uint64_t bit = (h >> 32) & (filter_.size() * 64 - 1);
        if ((filter_[bit / 64] & (1ull << (bit % 64))) == 0) continue;
        for (std::uint32_t i = buckets_[h & mask_]; i != kNone; i = next_[i]) {
            const std::string_view p = phrase(i);
            if (p.size() <= longest || p.size() > end || std::min(p.size(), kWindow) != w) continue;
            if (text.compare(end - p.size(), p.size(), p) == 0) longest = p.size();
        }
    }
    return longest;
}

std::vector<std::pair<std::size_t, std::size_t>> PhraseFinder::covered(std::string_view text) const {
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    if (next_.empty()) return spans;
    for (std::size_t end = kMinLength; end <= text.size(); ++end) {
        const std::size_t longest = longest_ending_at(text, end);
        if (longest == 0) continue;
        // Only the longest phrase ending here matters: shorter ones lie inside it. Ends only
        // grow, so an earlier span this one overlaps is always at the back.
        std::size_t begin = end - longest;
        while (!spans.empty() && begin < spans.back().second) {
            begin = std::min(begin, spans.back().first);
            spans.pop_back();
        }
        spans.emplace_back(begin, end);
    }
    return spans;
}

bool PhraseFinder::occurs_in(std::string_view text) const {
    if (next_.empty()) return false;
    for (std::size_t end = kMinLength; end <= text.size(); ++end)
        if (longest_ending_at(text, end) > 0) return true;
    return false;
}

} // namespace ringside::reports
