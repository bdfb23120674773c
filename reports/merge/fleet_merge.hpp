#pragma once
// Fleet summaries of shards (`ringside fleet --shard K/N --json`, schema ringside-fleet/2,
// docs/fleet.md) made one summary of the whole fleet. Counts are sums; latency percentiles
// come from the union of every speaker's latency, so they equal those of one run of the same
// speakers; per-second counts are added second by second on the wall clock (UTC), so the
// peak is the fleet's when the shards ran at once.
// Who may call: anyone; both throw MergeInputError naming the file.
#include <vector>

#include "reports/merge/merge_input.hpp"
#include "sim/fleet/fleet_run.hpp"

namespace ringside::reports {

sim::FleetSummary read_fleet_summary(const MergeInput& input);

// The shards must be of one fleet run (same issuer, client, fleet size, seed, ramp and shard
// count), their speaker ranges must not overlap and together must cover the fleet.
// `paths[i]` is the file `shards[i]` came from.
sim::FleetSummary merge_fleet_summaries(const std::vector<sim::FleetSummary>& shards, const std::vector<std::string>& paths);

} // namespace ringside::reports
