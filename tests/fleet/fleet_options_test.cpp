// The command line of `ringside fleet` as parse_fleet_options reads it, and the tally's
// arithmetic: the parts a summary's figures rest on, checked without a server.
#include <catch2/catch.hpp>

#include "sim/fleet/fleet_options.hpp"
#include "sim/fleet/fleet_speaker.hpp"
#include "sim/fleet/fleet_tally.hpp"

using namespace ringside::sim;
using namespace std::chrono_literals;

namespace {

std::optional<std::string> no_env(const char*) { return std::nullopt; }

FleetOptions parse(std::vector<std::string> extra) {
    std::vector<std::string> args{"--issuer", "http://127.0.0.1:9", "--speakers", "20"};
    args.insert(args.end(), extra.begin(), extra.end());
    return parse_fleet_options(args, no_env);
}

std::string refusal(std::vector<std::string> args) {
    try {
        parse_fleet_options(args, no_env);
    } catch (const FleetUsage& e) {
        return e.what();
    }
    return "(accepted)";
}

} // namespace

TEST_CASE("fleet options: ramp and duration take units and bare numbers", "[fleet]") {
    CHECK(parse({"--ramp", "10/s"}).ramp_per_second == Approx(10));
    CHECK(parse({"--ramp", "2.5"}).ramp_per_second == Approx(2.5));
    CHECK(parse({"--ramp", "30/m"}).ramp_per_second == Approx(0.5));
    CHECK(parse({"--duration", "30s"}).duration == 30s);
    CHECK(parse({"--duration", "45"}).duration == 45s);
    CHECK(parse({"--duration", "500ms"}).duration == 500ms);
    CHECK(parse({"--duration", "2m"}).duration == 120s);
    CHECK(parse({"--duration", "24h"}).duration == 24h);
    CHECK(parse({}).duration == 60s);
    CHECK(parse({}).ramp_per_second == Approx(10));
}

TEST_CASE("fleet options: bounds and bad values are refused naming the option", "[fleet]") {
    CHECK(refusal({"--issuer", "http://127.0.0.1:9", "--speakers", "10001"}).find("--speakers: expected a whole number from 1 to 10000") == 0);
    CHECK(refusal({"--issuer", "http://127.0.0.1:9", "--speakers", "0"}).find("--speakers:") == 0);
    CHECK(refusal({"--issuer", "http://127.0.0.1:9", "--speakers", "3", "--duration", "25h"}).find("--duration:") == 0);
    CHECK(refusal({"--issuer", "http://127.0.0.1:9", "--speakers", "3", "--duration", "0"}).find("--duration:") == 0);
    CHECK(refusal({"--issuer", "http://127.0.0.1:9", "--speakers", "3", "--ramp", "0/s"}).find("--ramp:") == 0);
    CHECK(refusal({"--issuer", "http://127.0.0.1:9", "--speakers", "3", "--ramp", "1001"}).find("--ramp:") == 0);
    CHECK(refusal({"--issuer", "http://127.0.0.1:9", "--speakers", "3", "--workers", "65"}).find("--workers:") == 0);
    CHECK(refusal({"--speakers", "3"}).find("needs --issuer URL") != std::string::npos);
    CHECK(refusal({"--issuer", "http://127.0.0.1:9"}).find("needs --speakers N") != std::string::npos);
    CHECK(refusal({"--issuer", "ftp://x", "--speakers", "3"}).find("expected an absolute http:// or https:// URL") !=
          std::string::npos);
    CHECK(refusal({"--issuer", "http://127.0.0.1:9", "--speakers"}).find("--speakers needs a value") == 0);
}

TEST_CASE("fleet options: the approving account's password comes from the environment only", "[fleet]") {
    const std::vector<std::string> base{"--issuer", "http://127.0.0.1:9", "--speakers", "2", "--approve-as"};
    auto with = [&](std::string who) {
        auto args = base;
        args.push_back(who);
        return args;
    };
    CHECK(refusal(with("jane@example.com")).find("RINGSIDE_APPROVE_PASSWORD") != std::string::npos);
    // A password on the command line is refused, and the refusal does not repeat it.
    const std::string why = refusal(with("jane@example.com:hunter22"));
    CHECK(why.find("--approve-as: expected an email alone") == 0);
    CHECK(why.find("hunter22") == std::string::npos);
    const FleetOptions o = parse_fleet_options(with("jane@example.com"), [](const char* name) {
        return std::string(name) == kApprovePasswordEnv ? std::optional<std::string>("pw-from-env") : std::nullopt;
    });
    CHECK(o.approve_email == "jane@example.com");
    CHECK(o.approve_password == "pw-from-env");
}

TEST_CASE("fleet options: workers default from the speaker count and never exceed it", "[fleet]") {
    CHECK(parse({}).workers == 1);
    CHECK(parse_fleet_options({"--issuer", "http://127.0.0.1:9", "--speakers", "200"}, no_env).workers == 8);
    CHECK(parse_fleet_options({"--issuer", "http://127.0.0.1:9", "--speakers", "2", "--workers", "8"}, no_env).workers == 2);
    CHECK(default_fleet_workers(10000) == 8);
    CHECK(default_fleet_workers(51) == 3);
}

TEST_CASE("fleet tally: nearest-rank percentiles and waits apart from errors and buckets per second", "[fleet]") {
    std::vector<double> v{5, 1, 4, 2, 3, 6, 7, 8, 9, 10};
    CHECK(percentile(v, 50) == 5);
    CHECK(percentile(v, 90) == 9);
    CHECK(percentile(v, 99) == 10);
    CHECK(percentile(v, 100) == 10);
    std::vector<double> none;
    CHECK(percentile(none, 50) == 0);

    FleetTally t;
    t.count_request({"token", "device_code", 400, "authorization_pending"}, 100);
    t.count_request({"token", "device_code", 400, "slow_down"}, 900);
    t.count_request({"token", "device_code", 400, "expired_token"}, 1500);
    t.count_request({"token", "refresh_token", 200, ""}, 2500);
    t.count_request({"token", "refresh_token", 503, "temporarily_unavailable"}, 2600);
    t.count_request({"metadata", "", 0, "connection_failed"}, 2700);
    t.count_request({"settings", "", 500, ""}, 2800);
    CHECK(t.total_requests() == 7);
    CHECK(t.errors() == 4);
    CHECK(t.refreshes == 1);
    CHECK(t.per_second == std::vector<std::uint32_t>{2, 1, 4});

    FleetTally other;
    other.count_request({"token", "refresh_token", 200, ""}, 4200);
    other.sign_in_ms.push_back(7000);
    t.merge(other);
    CHECK(t.refreshes == 2);
    CHECK(t.per_second == std::vector<std::uint32_t>{2, 1, 4, 0, 1});
    CHECK(t.sign_in_ms.size() == 1);
}

TEST_CASE("fleet serial numbers are distinct and fit the device_serial rules", "[fleet]") {
    CHECK(fleet_serial_number(0) == "RSF0000001");
    CHECK(fleet_serial_number(9999) == "RSF0010000");
}

TEST_CASE("fleet --shard: contiguous ranges that cover the fleet once and size the workers", "[fleet][shard]") {
    for (int speakers : {1, 7, 10, 20, 101, 10000})
        for (int count : {1, 2, 3, 7}) {
            if (count > speakers) continue;
            int next = 0;
            for (int k = 1; k <= count; ++k) {
                FleetOptions o;
                o.speakers = speakers;
                o.shard_index = k;
                o.shard_count = count;
                const FleetRange r = fleet_shard_range(o);
                INFO(speakers << " speakers, shard " << k << "/" << count);
                CHECK(r.first == next);  // meets the one before: no gap, no overlap
                CHECK(r.size() >= speakers / count);
                CHECK(r.size() <= speakers / count + 1);
                next = r.end;
            }
            CHECK(next == speakers);
        }
    const FleetOptions second = parse({"--speakers", "200", "--shard", "2/4"});
    CHECK(fleet_shard_range(second).first == 50);
    CHECK(fleet_shard_range(second).end == 100);
    CHECK(second.workers == 2);  // one per 25 of its own 50, not of the whole 200
    CHECK(parse({"--speakers", "3", "--shard", "3/3"}).workers == 1);
}
