#pragma once
// The nearest-rank percentile's rank: the smallest 1-based rank with at least p % of `n`
// values at or below it (1 for p = 0; 0 only when there are no values). One definition for
// every fleet figure — `ringside fleet`'s summary, expect_fleet and the HTML report's
// histogram title — so they agree. Header only; who may call: anyone.
#include <algorithm>
#include <cmath>
#include <cstddef>

namespace ringside::sim {

inline std::size_t nearest_rank(double p, std::size_t n) {
    if (n == 0) return 0;
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(n)));
    return std::clamp<std::size_t>(rank, 1, n);
}

} // namespace ringside::sim
