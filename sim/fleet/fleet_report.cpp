#include "sim/fleet/fleet_report.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>

#include "cloud/service/json_writer.hpp"

namespace ringside::sim {
namespace {

using cloud::JsonObjectWriter;

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string seconds_text(double s) { return fixed(s, s < 10 ? 2 : 1) + " s"; }

std::string duration_text(std::chrono::milliseconds d) {
    if (d.count() % 1000 == 0) return std::to_string(d.count() / 1000) + "s";
    return std::to_string(d.count()) + "ms";
}

bool oauth_wait(const std::string& error) { return error == "authorization_pending" || error == "slow_down"; }

// The status as the summaries name it: "200", or "no_answer" for an exchange without one.
std::string status_name(int status) { return status == 0 ? "no_answer" : std::to_string(status); }

struct Breakdown {
    std::map<std::string, std::uint64_t> by_endpoint, token_by_grant, by_status, waits, errors;
};

Breakdown breakdown(const FleetTally& t) {
    Breakdown b;
    b.waits["authorization_pending"] = 0;
    b.waits["slow_down"] = 0;
    for (const auto& [kind, n] : t.requests) {
        b.by_endpoint[kind.endpoint] += n;
        if (kind.endpoint == "token") b.token_by_grant[kind.grant_type.empty() ? "none" : kind.grant_type] += n;
        b.by_status[status_name(kind.status)] += n;
        if (oauth_wait(kind.error)) b.waits[kind.error] += n;
        else if (!kind.error.empty()) b.errors[kind.error] += n;
        else if (kind.status == 0 || kind.status >= 400) b.errors["http_" + status_name(kind.status)] += n;
    }
    return b;
}

std::string joined(const std::map<std::string, std::uint64_t>& m) {
    if (m.empty()) return "none";
    std::string out;
    for (const auto& [name, n] : m) out += (out.empty() ? "" : ", ") + name + " " + std::to_string(n);
    return out;
}

std::string json_counts(const std::map<std::string, std::uint64_t>& m) {
    JsonObjectWriter w;
    for (const auto& [name, n] : m) w.number(name, static_cast<std::int64_t>(n));
    return w.finish();
}

std::string json_kinds(const std::map<RequestKind, std::uint64_t>& m) {
    std::vector<std::string> rows;
    for (const auto& [kind, n] : m)
        rows.push_back(JsonObjectWriter()
                           .string("endpoint", kind.endpoint)
                           .string("grant_type", kind.grant_type)
                           .number("status", kind.status)
                           .string("error", kind.error)
                           .number("count", static_cast<std::int64_t>(n))
                           .finish());
    return cloud::json_array(rows);
}

struct Latency {
    std::size_t count = 0;
    double p50 = 0, p90 = 0, p99 = 0, max = 0;
};

Latency latency(std::vector<double> ms) {
    Latency l;
    l.count = ms.size();
    l.p50 = percentile(ms, 50);
    l.p90 = percentile(ms, 90);
    l.p99 = percentile(ms, 99);
    l.max = ms.empty() ? 0 : ms.back();
    return l;
}

std::string shard_text(const FleetOptions& o) { return std::to_string(o.shard_index) + "/" + std::to_string(o.shard_count); }

std::uint64_t approvals_submitted(const FleetTally& t) {
    std::uint64_t n = 0;
    for (const auto& [kind, count] : t.approvals) n += count;
    return n;
}

std::uint64_t approvals_approved(const FleetTally& t) {
    std::uint64_t n = 0;
    for (const auto& [kind, count] : t.approvals)
        if (kind.status == 200) n += count;
    return n;
}

} // namespace

FleetRates fleet_rates(const FleetSummary& s) {
    FleetRates r;
    if (s.wall_seconds > 0) r.mean_per_second = static_cast<double>(s.tally.total_requests()) / s.wall_seconds;
    for (std::uint32_t n : s.tally.per_second) r.peak_per_second = std::max<std::uint64_t>(r.peak_per_second, n);
    return r;
}

std::string fleet_banner(const FleetOptions& o) {
    std::ostringstream out;
    const FleetRange r = fleet_shard_range(o);
    out << "fleet: ";
    if (o.shard_count > 1) out << "shard " << shard_text(o) << ", speakers " << r.first << ".." << r.end - 1 << " (" << r.size() << ") of ";
    out << o.speakers << " speaker" << (o.speakers == 1 ? "" : "s") << " against " << o.issuer
        << " as client " << o.client_id << ", ramp " << fixed(o.ramp_per_second, o.ramp_per_second < 10 ? 2 : 0)
        << "/s, for at most " << duration_text(o.duration);
    if (o.refreshes > 0) out << " or until each did " << o.refreshes << " refresh" << (o.refreshes == 1 ? "" : "es");
    out << ", " << o.workers << " worker thread" << (o.workers == 1 ? "" : "s") << ", seeds " << o.seed + static_cast<std::uint64_t>(r.first) << ".."
        << o.seed + static_cast<std::uint64_t>(r.end) - 1;
    if (o.approve_email.empty())
        out << "\nnobody approves: speakers show codes and poll until the codes lapse (--approve-as EMAIL to approve "
               "at a ringside cloud's verification page)";
    else
        out << "\napproving each code at the verification page as " << o.approve_email;
    out << "\n";
    return out.str();
}

std::string fleet_progress_line(const FleetLive& l, const FleetOptions& o) {
    std::ostringstream out;
    out << fixed(l.elapsed_s, 1) << "s  started " << l.progress.started << "/" << fleet_shard_range(o).size() << "  linked "
        << l.progress.linked << "  waiting " << (l.progress.started - l.progress.linked - l.progress.gave_up)
        << "  refreshes " << l.progress.refreshes << "  errors " << l.progress.errors;
    if (l.progress.gave_up > 0) out << "  gave up " << l.progress.gave_up;
    if (!o.approve_email.empty()) out << "  approved " << l.approved;
    out << "  requests " << l.progress.requests << " (" << fixed(l.requests_per_second, 1) << "/s)";
    return out.str();
}

std::string fleet_summary_text(FleetSummary s) {
    const FleetOptions& o = s.options;
    const FleetOutcome& c = s.outcome;
    const Breakdown b = breakdown(s.tally);
    const Latency lat = latency(s.tally.sign_in_ms);
    const FleetRates rates = fleet_rates(s);
    std::ostringstream out;
    out << "summary: ended by " << s.ended_by << " after " << seconds_text(s.wall_seconds) << "\n";
    if (!s.failure.empty()) out << "  failure       " << s.failure << "\n";
    if (!s.merged_from.empty()) {
        out << "  merged from   " << s.merged_from.size() << " shard" << (s.merged_from.size() == 1 ? "" : "s") << " of " << o.shard_count << ":";
        for (const FleetShardPart& p : s.merged_from)
            out << " " << p.shard_index << " (speakers " << p.speaker_first << ".." << p.speaker_last << ", " << p.file << ")";
        out << "\n";
    } else if (o.shard_count > 1) {
        out << "  shard         " << shard_text(o) << ": speakers " << s.range.first << ".." << s.range.end - 1 << " of "
            << o.speakers << "\n";
    }
    out << "  speakers      started " << c.started << " of " << s.range.size() << ", linked " << c.linked
        << ", stayed linked " << c.stayed_linked << ", lost the link " << c.lost_link << ", gave up " << c.gave_up
        << ", never linked " << (c.started - c.linked) << "\n";
    out << "  sign-in       power-on to linked, " << lat.count << " speaker" << (lat.count == 1 ? "" : "s");
    if (lat.count > 0)
        out << ": p50 " << seconds_text(lat.p50 / 1000) << ", p90 " << seconds_text(lat.p90 / 1000) << ", p99 "
            << seconds_text(lat.p99 / 1000) << ", max " << seconds_text(lat.max / 1000);
    out << "\n";
    out << "  refreshes     " << s.tally.refreshes << "\n";
    out << "  requests      " << s.tally.total_requests() << ", mean " << fixed(rates.mean_per_second, 1)
        << "/s, peak " << rates.peak_per_second << "/s\n";
    out << "  by endpoint   " << joined(b.by_endpoint) << "\n";
    out << "  token grants  " << joined(b.token_by_grant) << "\n";
    out << "  http status   " << joined(b.by_status) << "\n";
    out << "  oauth waits   " << joined(b.waits) << "\n";
    out << "  errors        " << joined(b.errors) << "\n";
    if (!o.approve_email.empty()) {
        std::map<std::string, std::uint64_t> by_status;
        for (const auto& [kind, n] : s.tally.approvals)
            by_status[status_name(kind.status) + (kind.error.empty() ? "" : " " + kind.error)] += n;
        out << "  approvals     " << approvals_approved(s.tally) << " approved of " << approvals_submitted(s.tally)
            << " submitted as " << o.approve_email << " (page status: " << joined(by_status) << ")\n";
    }
    out << "  pacing        worlds at most " << s.max_lag.count() << " ms behind the wall clock";
    if (s.max_lag > std::chrono::seconds(1))
        out << " (the server saw these speakers late: raise --workers or start fewer speakers)";
    out << "\n";
    if (!s.problem.empty()) out << "  problem       " << s.problem << "\n";
    return out.str();
}

std::string fleet_summary_json(FleetSummary s) {
    const FleetOptions& o = s.options;
    const FleetOutcome& c = s.outcome;
    const Breakdown b = breakdown(s.tally);
    const Latency lat = latency(s.tally.sign_in_ms);
    const FleetRates rates = fleet_rates(s);

    const std::string run = JsonObjectWriter()
                                .string("issuer", o.issuer)
                                .string("client_id", o.client_id)
                                .number("speakers", o.speakers)
                                .json("ramp_per_second", fixed(o.ramp_per_second, 3))
                                .number("duration_ms", o.duration.count())
                                .number("refreshes_per_speaker", o.refreshes)
                                .number("workers", o.workers)
                                .string("seed", std::to_string(o.seed))
                                .string("approve_as", o.approve_email)
                                .number("started_unix_ms", s.started_unix_ms)
                                .string("ended_by", s.ended_by)
                                .string("failure", s.failure)
                                .json("wall_seconds", fixed(s.wall_seconds, 3))
                                .number("max_lag_ms", s.max_lag.count())
                                .finish();
    const std::string speakers = JsonObjectWriter()
                                     .number("requested", s.range.size())
                                     .number("started", c.started)
                                     .number("linked", c.linked)
                                     .number("stayed_linked", c.stayed_linked)
                                     .number("lost_link", c.lost_link)
                                     .number("gave_up", c.gave_up)
                                     .number("never_linked", c.started - c.linked)
                                     .number("done", c.done)
                                     .finish();
    // Every speaker's latency, not only the percentiles: a merge of shards recomputes them
    // exactly from the union (reports/merge/fleet_merge.hpp).
    std::vector<double> sorted = s.tally.sign_in_ms;
    std::sort(sorted.begin(), sorted.end());
    std::vector<std::string> each;
    for (double ms : sorted) each.push_back(fixed(ms, 3));
    const std::string sign_in = JsonObjectWriter()
                                    .string("from", "power_on")
                                    .number("count", static_cast<std::int64_t>(lat.count))
                                    .json("p50_ms", fixed(lat.p50, 3))
                                    .json("p90_ms", fixed(lat.p90, 3))
                                    .json("p99_ms", fixed(lat.p99, 3))
                                    .json("max_ms", fixed(lat.max, 3))
                                    .json("per_speaker_ms", cloud::json_array(each))
                                    .finish();
    std::vector<std::string> per_second;
    for (std::uint32_t n : s.tally.per_second) per_second.push_back(std::to_string(n));
    const std::string requests = JsonObjectWriter()
                                     .number("total", static_cast<std::int64_t>(s.tally.total_requests()))
                                     .json("mean_per_second", fixed(rates.mean_per_second, 3))
                                     .number("peak_per_second", static_cast<std::int64_t>(rates.peak_per_second))
                                     .json("per_second", cloud::json_array(per_second))
                                     .number("per_second_from_unix_s", (s.started_unix_ms - s.tally.start_phase_ms) / 1000)
                                     .json("by_endpoint", json_counts(b.by_endpoint))
                                     .json("token_by_grant", json_counts(b.token_by_grant))
                                     .json("by_status", json_counts(b.by_status))
                                     .json("oauth_waits", json_counts(b.waits))
                                     .json("errors", json_counts(b.errors))
                                     .json("kinds", json_kinds(s.tally.requests))
                                     .finish();
    std::map<std::string, std::uint64_t> approval_status;
    for (const auto& [kind, n] : s.tally.approvals) approval_status[status_name(kind.status)] += n;
    const std::string approvals = JsonObjectWriter()
                                      .number("submitted", static_cast<std::int64_t>(approvals_submitted(s.tally)))
                                      .number("approved", static_cast<std::int64_t>(approvals_approved(s.tally)))
                                      .json("by_status", json_counts(approval_status))
                                      .json("kinds", json_kinds(s.tally.approvals))
                                      .finish();
    const std::string shard = JsonObjectWriter()
                                  .number("index", s.merged_from.empty() ? o.shard_index : 0)
                                  .number("count", o.shard_count)
                                  .number("speaker_first", s.range.first)
                                  .number("speaker_last", s.range.end - 1)
                                  .finish();
    std::vector<std::string> parts;
    for (const FleetShardPart& p : s.merged_from)
        parts.push_back(JsonObjectWriter()
                            .string("file", p.file)
                            .number("index", p.shard_index)
                            .number("speaker_first", p.speaker_first)
                            .number("speaker_last", p.speaker_last)
                            .finish());
    JsonObjectWriter top;
    top.string("schema", kFleetSchema)
        .string("verdict", s.all_linked() && s.failure.empty() ? "passed" : "failed")
        .json("shard", shard);
    if (!parts.empty()) top.json("merged_from", cloud::json_array(parts));
    return top.json("run", run)
        .json("speakers", speakers)
        .json("sign_in_latency", sign_in)
        .number("refreshes", static_cast<std::int64_t>(s.tally.refreshes))
        .json("requests", requests)
        .json("approvals", approvals)
        .string("problem", s.problem)
        .finish();
}

} // namespace ringside::sim
