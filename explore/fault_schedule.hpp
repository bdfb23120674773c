#pragma once
// The extra faults `ringside explore` plays on top of a scenario: drawn from a seed, written
// as a scenario's `schedule:` entries (so a shrunk schedule is a scenario file that
// `ringside run` plays the same way), and made simpler one change at a time for shrinking.
// Who may call: the explorer.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ringside::explore {

using Millis = std::chrono::milliseconds;

// Kinds, simplest first (the order shrinking prefers).
enum class FaultKind : std::uint8_t {
    Drop,         // the cloud never answers a request (the firmware's timeout ends the wait)
    ServerError,  // 5xx
    TooMany,      // 429 with Retry-After
    Reset,        // the connection resets instead of an answer
    Delay,        // the answer comes late
    Malformed,    // a 200 token answer that is not a usable token answer
    SlowDown,     // slow_down on a poll (RFC 8628 §3.5)
    Loss,         // the uplink loses every message for a while
    Wifi,         // the access points go away for a while
    Power,        // power off, and on again later
    PowerCut,     // the supply dies at a flash operation; power comes back later
    ClockJump,    // the cloud's Date jumps (the speaker's clock sync sees it)
    Outage,       // every request answered 503 for a while
    Deny,         // the person denies the code the speaker shows
};

const std::vector<std::string>& fault_kind_names();  // in enum order: "drop", "5xx", ...
std::optional<FaultKind> parse_fault_kind(std::string_view name);
std::vector<FaultKind> all_fault_kinds();

struct ScheduledFault {
    FaultKind kind = FaultKind::Drop;
    Millis at{0};          // when it is armed or starts
    Millis span{0};        // how long it lasts (delay, outage, loss, off time); 0: not used
    int count = 1;         // how many requests it hits (cloud faults)
    int value = 0;         // the status (5xx), Retry-After seconds (429), the flash op (cut), skew hours
    std::string endpoint;  // cloud faults: token, device_authorization, metadata or *
    std::string body;      // malformed: which malformed answer

    bool operator==(const ScheduledFault& other) const;
};

// 1 to 4 faults of `kinds`, starting within [0, horizon], drawn from `seed` alone.
std::vector<ScheduledFault> draw_schedule(std::uint64_t seed, const std::vector<FaultKind>& kinds, Millis horizon);

// The fault as `schedule:` entries ("- { at: 12s, cloud.fault: {...} }" lines).
std::string schedule_yaml(const std::vector<ScheduledFault>& faults);
// Whether any fault needs the virtual board's flash (the scenario must then be sim_only).
bool needs_virtual_flash(const std::vector<ScheduledFault>& faults);

// Faults each one step simpler than `fault` (earlier, fewer, shorter, plainer), simplest first.
std::vector<ScheduledFault> simpler(const ScheduledFault& fault);

} // namespace ringside::explore
