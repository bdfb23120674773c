// Fleet summaries written by the fleet's own JSON writer for runs made up here (no server):
// how `ringside report merge` lines up per-second counts of shards that started in different
// wall-clock seconds, and which summaries it refuses.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <fstream>

#include "report_merge/merge_support.hpp"
#include "sim/fleet/fleet_report.hpp"

using namespace ringside;
using namespace std::chrono_literals;
using test::run_cli;
using Json = nlohmann::json;

namespace {

// Shard k of 2 of a 10-speaker fleet, started at `started_unix_ms`, with `per_second`
// requests in the UTC seconds from the one it started in.
sim::FleetSummary shard(int k, std::int64_t started_unix_ms, std::vector<std::uint32_t> per_second, std::vector<double> latencies) {
    sim::FleetSummary s;
    s.options.issuer = "http://127.0.0.1:8080";
    s.options.speakers = 10;
    s.options.workers = 1;
    s.options.shard_index = k;
    s.options.shard_count = 2;
    s.range = sim::fleet_shard_range(s.options);
    s.started_unix_ms = started_unix_ms;
    s.wall_seconds = 3;
    s.ended_by = "done";
    s.tally.start_phase_ms = started_unix_ms % 1000;
    std::uint32_t total = 0;
    for (std::uint32_t n : per_second) total += n;
    s.tally.per_second = std::move(per_second);
    s.tally.requests[sim::RequestKind{"token", "device_code", 200, ""}] = total;
    s.tally.sign_in_ms = std::move(latencies);
    s.outcome.started = s.outcome.linked = s.outcome.stayed_linked = s.outcome.done = s.range.size();
    return s;
}

void write(const std::string& path, const sim::FleetSummary& s) {
    std::ofstream(path) << sim::fleet_summary_json(s) << "\n";
}

} // namespace

TEST_CASE("report merge adds fleet shards' per-second counts on the wall clock", "[report_merge][fleet]") {
    const test::ScratchDir dir("ringside-merge-fleet");
    // Shard 1 started at 1000.500 s, shard 2 at 1001.200 s: shard 2's first second is the
    // merged series' second one.
    write(dir / "a.json", shard(1, 1'000'500, {3, 4, 1}, {7000, 7100, 7200, 9000, 7050}));
    write(dir / "b.json", shard(2, 1'001'200, {5, 2}, {7001, 8000, 7300, 7400, 7500}));
    const test::CliResult r = run_cli({"report", "merge", "--out-fleet", dir / "m.json", dir / "a.json", dir / "b.json"}, {}, 20s);
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    Json m;
    std::ifstream(dir / "m.json") >> m;
    CHECK(m["requests"]["per_second_from_unix_s"] == 1000);
    CHECK(m["requests"]["per_second"] == Json::array({3, 9, 3}));
    CHECK(m["requests"]["peak_per_second"] == 9);
    CHECK(m["requests"]["total"] == 15);
    CHECK(m["run"]["started_unix_ms"] == 1'000'500);
    CHECK(m["run"]["wall_seconds"].get<double>() == Approx(3.7));
    // Nearest rank over all ten: the 5th smallest, the 9th, the 10th.
    CHECK(m["sign_in_latency"]["p50_ms"].get<double>() == 7200);
    CHECK(m["sign_in_latency"]["p90_ms"].get<double>() == 8000);
    CHECK(m["sign_in_latency"]["max_ms"].get<double>() == 9000);
    CHECK(m["speakers"]["started"] == 10);
    CHECK(m["shard"]["speaker_first"] == 0);
    CHECK(m["shard"]["speaker_last"] == 9);
}

TEST_CASE("report merge refuses fleet summaries that are not one run's shards", "[report_merge][fleet]") {
    const test::ScratchDir dir("ringside-merge-fleet-bad");
    write(dir / "one.json", shard(1, 1'000'000, {1}, {7000}));
    write(dir / "two.json", shard(2, 1'000'000, {1}, {7000}));
    write(dir / "one_again.json", shard(1, 1'000'300, {1}, {7000}));
    sim::FleetSummary elsewhere = shard(2, 1'000'000, {1}, {7000});
    elsewhere.options.issuer = "http://127.0.0.1:9090";
    write(dir / "elsewhere.json", elsewhere);
    std::ofstream(dir / "other.json") << R"({"schema":"something-else/1"})";
    std::ofstream(dir / "old.json") << R"({"schema":"ringside-fleet/1","run":{}})";

    struct Case {
        std::vector<std::string> inputs;
        std::string says;
    };
    const std::vector<Case> cases{
        {{dir / "one.json", dir / "one_again.json", dir / "two.json"}, dir / "one_again.json" + ": speakers 0..4 overlap speakers 0..4"},
        {{dir / "one.json", dir / "elsewhere.json"}, dir / "elsewhere.json" + ": issuer http://127.0.0.1:9090, expected http://127.0.0.1:8080"},
        {{dir / "one.json"}, "speakers 5..9 of 10 are in none of the inputs"},
        {{dir / "one.json", dir / "other.json"}, dir / "other.json" + ": JSON with schema 'something-else/1'"},
        {{dir / "old.json", dir / "two.json"}, dir / "old.json" + ": fleet summary schema 'ringside-fleet/1', expected 'ringside-fleet/2'"},
    };
    for (const Case& c : cases) {
        std::vector<std::string> args{"report", "merge", "--out-fleet", dir / "m.json"};
        args.insert(args.end(), c.inputs.begin(), c.inputs.end());
        const test::CliResult r = run_cli(args, {}, 20s);
        INFO(c.says << "\n" << r.output);
        CHECK(r.exit_code == 2);
        CHECK(r.output.find(c.says) != std::string::npos);
        CHECK(!std::filesystem::exists(dir / "m.json"));  // nothing written on bad input
    }
}
