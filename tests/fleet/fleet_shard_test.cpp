// `ringside fleet --shard K/N`: two shards of one fleet against one real `ringside cloud`
// at the same time, their summaries merged by `ringside report merge` and checked against
// the cloud's own journal and against figures computed here from the shards' own data.
#include <unistd.h>

#include <catch2/catch.hpp>

#include <boost/process.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <tuple>

#include "scoped_env.hpp"
#include "cloud_server/child.hpp"

using namespace ringside;
using namespace std::chrono_literals;
using test::CloudProcess;
using test::curl;
using test::run_cli;
using Json = nlohmann::json;
namespace bp = boost::process;

namespace {

constexpr const char* kPassword = "shard-approver-password-4417";

Json read_json(const std::string& path) {
    std::ifstream in(path);
    REQUIRE(in);
    return Json::parse(in);
}

std::string temp_path(const std::string& name) {
    return (std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()) + ".json")).string();
}

// Nearest rank, as docs/fleet.md defines the percentiles; written out here so the merge is
// checked against an independent reckoning.
double nearest_rank(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
    return v[rank < 1 ? 0 : rank - 1];
}

using Kind = std::tuple<std::string, std::string, int, std::string>;  // endpoint, grant, status, error

} // namespace

TEST_CASE("two ringside fleet shards run at once and merge into the whole fleet the cloud saw", "[fleet][shard][merge]") {
    CloudProcess cloud;
    REQUIRE(curl({"-H", "Authorization: Bearer " + cloud.admin_token(), "-d", "id=load", "-d", "email=load@example.com", "-d",
                  std::string("password=") + kPassword, cloud.issuer() + "/admin/accounts"})
                .status == 201);
    const std::string files[2] = {temp_path("fleet-shard1"), temp_path("fleet-shard2")};
    const std::string merged_file = temp_path("fleet-merged");
    // Both children started here and waited for plainly: Boost.Process's wait_for (run_cli)
    // is not safe with two children timed at once. Each ends itself at --duration.
    struct Running {
        bp::ipstream out;
        bp::child child;
        std::future<std::string> text;
    };
    // Inherited from this process (test/scoped_env.hpp says why not bp::environment).
    const test::ScopedEnv password({std::string("RINGSIDE_APPROVE_PASSWORD=") + kPassword});
    auto start = [&](int k, Running& r) {
        // 12 s: the speakers link about 7.7 s after power-on and then hold their tokens.
        r.child = bp::child(RINGSIDE_BINARY,
                            bp::args({"fleet", "--issuer", cloud.issuer(), "--speakers", "10", "--ramp", "10/s", "--duration", "12s",
                                      "--approve-as", "load@example.com", "--shard", std::to_string(k) + "/2", "--json",
                                      files[k - 1]}),
                            (bp::std_out & bp::std_err) > r.out);
        r.text = std::async(std::launch::async, [&r] {
            return std::string((std::istreambuf_iterator<char>(r.out)), std::istreambuf_iterator<char>());
        });
    };
    Running first, second;
    start(1, first);
    start(2, second);
    first.child.wait();
    second.child.wait();
    test::CliResult r1{first.child.exit_code(), first.text.get()}, r2{second.child.exit_code(), second.text.get()};
    INFO(r1.output << "\n" << r2.output);
    REQUIRE(r1.exit_code == 0);
    REQUIRE(r2.exit_code == 0);
    // Global indices keep their seeds: shard 2 runs speakers 5..9 with seeds 6..10.
    CHECK(r1.output.find("shard 1/2, speakers 0..4 (5) of 10 speakers") != std::string::npos);
    CHECK(r2.output.find("shard 2/2, speakers 5..9 (5) of 10 speakers") != std::string::npos);
    CHECK(r2.output.find("seeds 6..10") != std::string::npos);

    const Json s1 = read_json(files[0]), s2 = read_json(files[1]);
    CHECK(s1["schema"] == "ringside-fleet/2");
    CHECK(s1["shard"]["index"] == 1);
    CHECK(s2["shard"]["index"] == 2);
    // Ranges meet without overlap and cover the fleet.
    CHECK(s1["shard"]["speaker_first"] == 0);
    CHECK(s2["shard"]["speaker_first"].get<int>() == s1["shard"]["speaker_last"].get<int>() + 1);
    CHECK(s2["shard"]["speaker_last"] == 9);

    const test::CliResult merge = run_cli({"report", "merge", "--out-fleet", merged_file, files[1], files[0]}, {}, 20s);
    INFO(merge.output);
    REQUIRE(merge.exit_code == 0);
    CHECK(merge.output.find("started 10 of 10, linked 10, stayed linked 10") != std::string::npos);
    const Json m = read_json(merged_file);
    CHECK(m["schema"] == "ringside-fleet/2");
    CHECK(m["verdict"] == "passed");
    CHECK(m["merged_from"].size() == 2);
    for (const char* field : {"started", "linked", "stayed_linked", "never_linked"})
        CHECK(m["speakers"][field].get<int>() == s1["speakers"][field].get<int>() + s2["speakers"][field].get<int>());
    CHECK(m["speakers"]["started"] == 10);
    CHECK(m["requests"]["total"].get<int>() == s1["requests"]["total"].get<int>() + s2["requests"]["total"].get<int>());
    CHECK(m["approvals"]["approved"] == 10);

    // Percentiles of the union of every speaker's latency, not an average of the shards'.
    std::vector<double> all = s1["sign_in_latency"]["per_speaker_ms"].get<std::vector<double>>();
    for (double v : s2["sign_in_latency"]["per_speaker_ms"].get<std::vector<double>>()) all.push_back(v);
    REQUIRE(all.size() == 10);
    CHECK(m["sign_in_latency"]["count"] == 10);
    CHECK(m["sign_in_latency"]["p50_ms"].get<double>() == nearest_rank(all, 50));
    CHECK(m["sign_in_latency"]["p90_ms"].get<double>() == nearest_rank(all, 90));
    CHECK(m["sign_in_latency"]["p99_ms"].get<double>() == nearest_rank(all, 99));
    CHECK(m["sign_in_latency"]["max_ms"].get<double>() == nearest_rank(all, 100));

    // Per-second counts added on the wall clock: each shard's series placed at its own UTC second.
    std::map<std::int64_t, std::uint64_t> by_second;
    for (const Json* s : {&s1, &s2}) {
        const std::int64_t from = (*s)["requests"]["per_second_from_unix_s"];
        const auto series = (*s)["requests"]["per_second"].get<std::vector<std::uint64_t>>();
        for (std::size_t i = 0; i < series.size(); ++i) by_second[from + static_cast<std::int64_t>(i)] += series[i];
    }
    const std::int64_t merged_from = m["requests"]["per_second_from_unix_s"];
    const auto merged_series = m["requests"]["per_second"].get<std::vector<std::uint64_t>>();
    std::uint64_t peak = 0;
    for (const auto& [second, n] : by_second) {
        peak = std::max(peak, n);
        const std::int64_t at = second - merged_from;
        REQUIRE(at >= 0);
        REQUIRE(at < static_cast<std::int64_t>(merged_series.size()));
        CHECK(merged_series[static_cast<std::size_t>(at)] == n);
    }
    CHECK(m["requests"]["peak_per_second"].get<std::uint64_t>() == peak);

    // The cloud's journal, every speaker request and every page submission.
    const test::HttpResult journal_answer =
        curl({"-H", "Authorization: Bearer " + cloud.admin_token(), cloud.issuer() + "/admin/journal"});
    REQUIRE(journal_answer.status == 200);
    std::map<Kind, int> cloud_speakers, fleet_speakers;
    int cloud_page = 0;
    const Json journal = Json::parse(journal_answer.body);
    for (const Json& e : journal["entries"]) {
        const std::string endpoint = e["endpoint"];
        if (endpoint == "verification") {
            cloud_page += e["status"] == 200 ? 1 : 0;
            continue;
        }
        const std::string grant = endpoint == "token" ? e["grant_type"].get<std::string>() : "";
        ++cloud_speakers[Kind{endpoint, grant, e["status"].get<int>(), e["error"].get<std::string>()}];
    }
    for (const Json& k : m["requests"]["kinds"])
        fleet_speakers[Kind{k["endpoint"], k["grant_type"], k["status"], k["error"]}] += k["count"].get<int>();
    CHECK(fleet_speakers == cloud_speakers);
    CHECK(cloud_page == 10);
    for (const std::string& f : {files[0], files[1], merged_file}) std::remove(f.c_str());
}

TEST_CASE("ringside fleet --shard: bad values exit 2 as run's --shard does", "[fleet][shard]") {
    struct Case {
        std::string shard, says;
    };
    const std::vector<Case> cases{
        {"2", "--shard: expected K/N, e.g. 1/4, got '2'"},
        {"0/2", "--shard: expected K/N with K a whole number from 1 to 2, got '0'"},
        {"3/2", "--shard: expected K/N with K a whole number from 1 to 2, got '3'"},
        {"1/0", "--shard: expected K/N with N a whole number from 1 to 10000, got '0'"},
        {"a/b", "--shard: expected K/N with N a whole number from 1 to 10000, got 'b'"},
        {"1/4", "3 speakers split into at most 3 shards"},
    };
    for (const Case& c : cases) {
        const test::CliResult r = run_cli({"fleet", "--issuer", "http://127.0.0.1:9", "--speakers", "3", "--shard", c.shard}, {}, 10s);
        INFO(c.shard << "\n" << r.output);
        CHECK(r.exit_code == 2);
        CHECK(r.output.find(c.says) != std::string::npos);
    }
}
