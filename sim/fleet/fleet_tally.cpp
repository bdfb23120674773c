#include "sim/fleet/fleet_tally.hpp"

#include "sim/fleet/nearest_rank.hpp"

#include <algorithm>

namespace ringside::sim {

namespace {
// A second's bucket this far past the start is past any duration the run allows (24 h), so
// a wrong clock reading cannot grow the vector without bound.
constexpr std::int64_t kMaxBuckets = 24 * 3600 + 600;

bool waiting(const std::string& error) { return error == "authorization_pending" || error == "slow_down"; }
} // namespace

void FleetTally::count_request(const RequestKind& kind, std::int64_t wall_ms) {
    ++requests[kind];
    const std::int64_t second = std::clamp<std::int64_t>((wall_ms + start_phase_ms) / 1000, 0, kMaxBuckets - 1);
    if (per_second.size() <= static_cast<std::size_t>(second)) per_second.resize(second + 1, 0);
    ++per_second[second];
    if (kind.endpoint == "token" && kind.grant_type == "refresh_token" && kind.status == 200) ++refreshes;
}

void FleetTally::merge(const FleetTally& o) {
    for (const auto& [kind, n] : o.requests) requests[kind] += n;
    for (const auto& [kind, n] : o.approvals) approvals[kind] += n;
    if (per_second.size() < o.per_second.size()) per_second.resize(o.per_second.size(), 0);
    for (std::size_t i = 0; i < o.per_second.size(); ++i) per_second[i] += o.per_second[i];
    sign_in_ms.insert(sign_in_ms.end(), o.sign_in_ms.begin(), o.sign_in_ms.end());
    refreshes += o.refreshes;
}

std::uint64_t FleetTally::total_requests() const {
    std::uint64_t n = 0;
    for (const auto& [kind, count] : requests) n += count;
    return n;
}

std::uint64_t FleetTally::errors() const {
    std::uint64_t n = 0;
    for (const auto& [kind, count] : requests)
        if ((kind.status == 0 || kind.status >= 400 || !kind.error.empty()) && !waiting(kind.error)) n += count;
    return n;
}

double percentile(std::vector<double>& values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    return values[nearest_rank(p, values.size()) - 1];
}

} // namespace ringside::sim
