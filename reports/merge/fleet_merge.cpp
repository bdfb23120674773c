#include "reports/merge/fleet_merge.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "sim/fleet/fleet_report.hpp"

namespace ringside::reports {
namespace {

using nlohmann::json;

std::map<sim::RequestKind, std::uint64_t> kinds(const json& rows) {
    std::map<sim::RequestKind, std::uint64_t> out;
    for (const json& k : rows)
        out[sim::RequestKind{k.at("endpoint").get<std::string>(), k.at("grant_type").get<std::string>(), k.at("status").get<int>(),
                             k.at("error").get<std::string>()}] += k.at("count").get<std::uint64_t>();
    return out;
}

std::string range_text(const sim::FleetRange& r) { return std::to_string(r.first) + ".." + std::to_string(r.end - 1); }

// One field that every shard of a run shares, compared with the first shard's.
template <typename T>
void same(const T& mine, const T& first, const std::string& what, const std::string& path, const std::string& first_path) {
    if (mine == first) return;
    std::ostringstream m;
    m << path << ": " << what << " " << mine << ", expected " << first << " as in " << first_path
      << " (the shards of one fleet run share it)";
    throw MergeInputError(m.str());
}

} // namespace

sim::FleetSummary read_fleet_summary(const MergeInput& input) {
    sim::FleetSummary s;
    try {
        const json j = json::parse(input.text);
        const std::string schema = j.at("schema").get<std::string>();
        if (schema.rfind("ringside-fleet/", 0) != 0)
            throw MergeInputError(input.path + ": JSON with schema '" + schema + "'; expected a fleet summary (" +
                                  sim::kFleetSchema + ", ringside fleet --json)");
        if (schema != sim::kFleetSchema)
            throw MergeInputError(input.path + ": fleet summary schema '" + schema + "', expected '" + sim::kFleetSchema +
                                  "' (run the shards with this ringside version)");
        if (j.contains("merged_from"))
            throw MergeInputError(input.path + ": already a merged summary; merge the shards' own summaries");
        const json& run = j.at("run");
        sim::FleetOptions& o = s.options;
        o.issuer = run.at("issuer").get<std::string>();
        o.client_id = run.at("client_id").get<std::string>();
        o.speakers = run.at("speakers").get<int>();
        o.ramp_per_second = run.at("ramp_per_second").get<double>();
        o.duration = std::chrono::milliseconds(run.at("duration_ms").get<std::int64_t>());
        o.refreshes = run.at("refreshes_per_speaker").get<int>();
        o.workers = run.at("workers").get<int>();
        o.seed = std::stoull(run.at("seed").get<std::string>());
        o.approve_email = run.at("approve_as").get<std::string>();
        const json& shard = j.at("shard");
        o.shard_index = shard.at("index").get<int>();
        o.shard_count = shard.at("count").get<int>();
        s.range = sim::FleetRange{shard.at("speaker_first").get<int>(), shard.at("speaker_last").get<int>() + 1};
        if (o.shard_count < 1 || o.shard_index < 1 || o.shard_index > o.shard_count || s.range.size() < 1 ||
            s.range.first < 0 || s.range.end > o.speakers)
            throw MergeInputError(input.path + ": shard " + std::to_string(o.shard_index) + "/" + std::to_string(o.shard_count) +
                                  " with speakers " + range_text(s.range) + " of " + std::to_string(o.speakers) +
                                  " is not a shard ringside fleet --shard runs");
        s.started_unix_ms = run.at("started_unix_ms").get<std::int64_t>();
        s.ended_by = run.at("ended_by").get<std::string>();
        s.failure = run.at("failure").get<std::string>();
        s.wall_seconds = run.at("wall_seconds").get<double>();
        s.max_lag = std::chrono::milliseconds(run.at("max_lag_ms").get<std::int64_t>());
        s.problem = j.at("problem").get<std::string>();
        const json& sp = j.at("speakers");
        s.outcome.started = sp.at("started").get<int>();
        s.outcome.linked = sp.at("linked").get<int>();
        s.outcome.stayed_linked = sp.at("stayed_linked").get<int>();
        s.outcome.lost_link = sp.at("lost_link").get<int>();
        s.outcome.gave_up = sp.at("gave_up").get<int>();
        s.outcome.done = sp.at("done").get<int>();
        s.tally.sign_in_ms = j.at("sign_in_latency").at("per_speaker_ms").get<std::vector<double>>();
        s.tally.refreshes = j.at("refreshes").get<std::uint64_t>();
        const json& requests = j.at("requests");
        s.tally.requests = kinds(requests.at("kinds"));
        s.tally.per_second = requests.at("per_second").get<std::vector<std::uint32_t>>();
        // per_second[0] is this UTC second; the start's phase in it is kept for re-writing.
        const std::int64_t first_second = requests.at("per_second_from_unix_s").get<std::int64_t>();
        s.tally.start_phase_ms = s.started_unix_ms - first_second * 1000;
        if (s.tally.start_phase_ms < 0 || s.tally.start_phase_ms > 999)
            throw MergeInputError(input.path + ": requests.per_second_from_unix_s is not the second run.started_unix_ms falls in");
        s.tally.approvals = kinds(j.at("approvals").at("kinds"));
    } catch (const json::exception& e) {
        throw MergeInputError(input.path + ": not a fleet summary as ringside fleet --json writes it (" + e.what() + ")");
    } catch (const std::logic_error&) {
        throw MergeInputError(input.path + ": run.seed is not a number; expected a fleet summary (ringside fleet --json)");
    }
    return s;
}

sim::FleetSummary merge_fleet_summaries(const std::vector<sim::FleetSummary>& shards, const std::vector<std::string>& paths) {
    sim::FleetSummary m;
    if (shards.empty()) return m;
    const sim::FleetSummary& first = shards.front();
    for (std::size_t i = 1; i < shards.size(); ++i) {
        const sim::FleetOptions& o = shards[i].options;
        same(o.issuer, first.options.issuer, "issuer", paths[i], paths[0]);
        same(o.client_id, first.options.client_id, "client id", paths[i], paths[0]);
        same(o.speakers, first.options.speakers, "fleet of", paths[i], paths[0]);
        same(o.shard_count, first.options.shard_count, "shard count", paths[i], paths[0]);
        same(o.seed, first.options.seed, "seed", paths[i], paths[0]);
        same(o.ramp_per_second, first.options.ramp_per_second, "ramp per second", paths[i], paths[0]);
        same(o.approve_email, first.options.approve_email, "approving as", paths[i], paths[0]);
    }
    // Ranges in speaker order: each must start where the one before ended.
    std::vector<std::size_t> order(shards.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return shards[a].range.first < shards[b].range.first; });
    int covered = 0;
    std::string gaps;
    for (std::size_t k = 0; k < order.size(); ++k) {
        const sim::FleetRange& r = shards[order[k]].range;
        if (k > 0 && r.first < shards[order[k - 1]].range.end)
            throw MergeInputError(paths[order[k]] + ": speakers " + range_text(r) + " overlap speakers " +
                                  range_text(shards[order[k - 1]].range) + " of " + paths[order[k - 1]] +
                                  "; expected each shard once (a speaker counted twice would skew every figure)");
        if (r.first > covered) gaps += (gaps.empty() ? "" : ", ") + range_text(sim::FleetRange{covered, r.first});
        covered = r.end;
    }
    if (covered < first.options.speakers) gaps += (gaps.empty() ? "" : ", ") + range_text(sim::FleetRange{covered, first.options.speakers});
    if (!gaps.empty())
        throw MergeInputError("fleet summaries: speakers " + gaps + " of " + std::to_string(first.options.speakers) +
                              " are in none of the inputs; expected all " + std::to_string(first.options.shard_count) +
                              " shards' summaries");

    m.options = first.options;
    m.options.workers = 0;
    m.options.duration = std::chrono::milliseconds(0);
    m.range = sim::FleetRange{0, first.options.speakers};
    m.started_unix_ms = first.started_unix_ms;
    std::int64_t ended_unix_ms = 0;
    for (const sim::FleetSummary& s : shards) {
        m.started_unix_ms = std::min(m.started_unix_ms, s.started_unix_ms);
        ended_unix_ms = std::max(ended_unix_ms, s.started_unix_ms + static_cast<std::int64_t>(std::llround(s.wall_seconds * 1000)));
    }
    const std::int64_t first_second = m.started_unix_ms / 1000;
    m.tally.start_phase_ms = m.started_unix_ms % 1000;
    std::set<std::string> ended_by;
    for (std::size_t k = 0; k < order.size(); ++k) {
        const sim::FleetSummary& s = shards[order[k]];
        m.merged_from.push_back(sim::FleetShardPart{paths[order[k]], s.options.shard_index, s.range.first, s.range.end - 1});
        m.options.workers += s.options.workers;
        m.options.duration = std::max(m.options.duration, s.options.duration);
        // Shift this shard's seconds onto the merged series' first second, then add.
        sim::FleetTally t = s.tally;
        const std::int64_t shift = (s.started_unix_ms - s.tally.start_phase_ms) / 1000 - first_second;
        t.per_second.insert(t.per_second.begin(), static_cast<std::size_t>(shift), 0);
        m.tally.merge(t);
        m.outcome.started += s.outcome.started;
        m.outcome.linked += s.outcome.linked;
        m.outcome.stayed_linked += s.outcome.stayed_linked;
        m.outcome.lost_link += s.outcome.lost_link;
        m.outcome.gave_up += s.outcome.gave_up;
        m.outcome.done += s.outcome.done;
        m.max_lag = std::max(m.max_lag, s.max_lag);
        ended_by.insert(s.ended_by);
        const std::string shard = "shard " + std::to_string(s.options.shard_index) + ": ";
        if (m.failure.empty() && !s.failure.empty()) m.failure = shard + s.failure;
        if (m.problem.empty() && !s.problem.empty()) m.problem = shard + s.problem;
    }
    for (const std::string& e : ended_by) m.ended_by += (m.ended_by.empty() ? "" : " and ") + e;
    m.wall_seconds = static_cast<double>(ended_unix_ms - m.started_unix_ms) / 1000.0;
    return m;
}

} // namespace ringside::reports
