#pragma once
// What `ringside fleet` is asked to do (docs/fleet.md), and its bounds. Parsing lives here
// so the CLI and tests agree on one reading of the command line.
// Units: durations in milliseconds, ramp in speakers per second.
// Who may call: anyone; parse_fleet_options throws FleetUsage for anything it cannot take.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ringside::sim {

// Bounds: every run is finite in count and time, whatever it is asked.
inline constexpr int kMaxFleetSpeakers = 10'000;
inline constexpr std::chrono::milliseconds kMaxFleetDuration = std::chrono::hours(24);
inline constexpr double kMaxFleetRamp = 1'000;  // speakers started per second
inline constexpr int kMaxFleetWorkers = 64;
inline constexpr int kMaxFleetRefreshes = 1'000'000;

// Where --approve-as finds the account's password: never the command line, which `ps`
// shows to every local user.
inline constexpr const char* kApprovePasswordEnv = "RINGSIDE_APPROVE_PASSWORD";

struct FleetOptions {
    std::string issuer;   // http(s) URL of any RFC 8414 + RFC 8628 server
    std::string ca_file;  // PEM CA to trust for https; empty: the system's store
    std::string client_id = "ringside-speaker";
    std::string scope = "speaker";
    int speakers = 0;                 // 1..kMaxFleetSpeakers
    double ramp_per_second = 10;      // (0, kMaxFleetRamp]
    std::chrono::milliseconds duration = std::chrono::seconds(60);  // (0, kMaxFleetDuration]
    // 0: speakers keep refreshing until the duration ends; K: a linked speaker is done
    // after its K-th refresh, and the run ends early once every speaker is done.
    int refreshes = 0;
    int workers = 0;          // threads that run the speakers; 0: chosen from the speaker count
    std::uint64_t seed = 1;   // speaker i (0-based) runs with seed + i
    std::string approve_email;     // empty: nobody approves (codes lapse)
    std::string approve_password;  // from kApprovePasswordEnv; never printed
    std::string json_file;         // empty: no JSON summary
    // --shard K/N: this process runs only the K-th (1-based) of N contiguous ranges of the
    // speakers (fleet_shard_range); 1/1 is the whole fleet.
    int shard_index = 1, shard_count = 1;
};

// The speakers [first, end) (0-based global indices) of a --shard K/N: contiguous and
// balanced, (K-1)*S/N up to K*S/N. Global index i keeps its seed, serial number and ramp
// instant whichever shard runs it, so N shards started together replay the whole ramp.
struct FleetRange {
    int first = 0, end = 0;
    int size() const { return end - first; }
};
FleetRange fleet_shard_range(const FleetOptions& options);

struct FleetUsage : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// `env` reads an environment variable (nullopt when unset), so tests need not touch the
// process's own environment. The message of a FleetUsage names the option and what was
// expected.
FleetOptions parse_fleet_options(const std::vector<std::string>& args,
                                 const std::function<std::optional<std::string>(const char*)>& env);

// Threads for `speakers` when --workers is not given: one per 25 speakers, 1 to 8. A
// worker spends its time blocked in its speakers' exchanges, not on the CPU (200 speakers
// take 3-6 % of one core), so threads are cheap; one thread alone falls behind the wall
// clock once the server answers slowly (docs/fleet.md has the figures).
int default_fleet_workers(int speakers);

} // namespace ringside::sim
