#pragma once
// Finds where any of many fixed phrases (secrets: tokens, codes, passwords) occur in a text,
// in one pass over the text whatever the number of phrases. A run that refreshes hourly for
// a year issues tens of thousands of tokens, and a fleet multiplies them: searching each
// text for each secret made redaction quadratic in the run's length.
//
// How: each phrase is filed under its last min(length, 8) bytes. The scan looks, at every
// position of the text, for phrases ending there: a bit filter rejects almost every window,
// and a hit is confirmed byte for byte. Phrases shorter than `kMinLength` are ignored.
// Cost: building, time and memory linear in the phrases (their bytes once, plus about 16
// bytes each); a search, time linear in the text times the number of distinct windows
// (at most 5), plus the candidates that share a phrase's last 8 bytes (random tokens share
// none). Who may call: Redaction and the no_secret check, from one thread.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ringside::reports {

class PhraseFinder {
public:
    static constexpr std::size_t kMinLength = 4;

    explicit PhraseFinder(const std::vector<std::string>& phrases);

    // The spans [begin, end) of `text` covered by occurrences of the phrases, overlapping
    // occurrences merged into one span, in order. Occurrences that only touch stay apart.
    std::vector<std::pair<std::size_t, std::size_t>> covered(std::string_view text) const;
    bool occurs_in(std::string_view text) const;

private:
    static constexpr std::size_t kWindow = 8;
    // The longest phrase that ends at text[end - 1], 0 if none.
    std::size_t longest_ending_at(std::string_view text, std::size_t end) const;
    std::string_view phrase(std::uint32_t i) const;

    std::string bytes_;                  // every phrase, back to back
    std::vector<std::uint32_t> offsets_;  // phrase i is bytes_[offsets_[i], offsets_[i + 1])
    std::vector<std::uint32_t> next_;     // the next phrase in the same bucket, or kNone
    std::vector<std::uint32_t> buckets_;  // by window hash: the first phrase, or kNone
    std::vector<std::uint64_t> filter_;   // one bit per window hash seen
    std::uint64_t mask_ = 0;              // buckets_.size() - 1 (a power of two)
    unsigned windows_ = 0;                // bit w set: some phrase's window is w bytes
};

} // namespace ringside::reports
