#pragma once
// Defects planted on purpose, to prove that a property check can fail (`ringside explore
// --plant`, a scenario's `plant:`). Each stands for a real class of bug a speaker ships with,
// planted in the virtual board's parts around the firmware (its HTTP stack, its flash, its
// Wi-Fi driver), so the firmware itself stays exactly as shipped.
// Who may call: the world (VirtualSpeaker) and its board parts; the scenario loader (names).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cloud/service/cloud_types.hpp"

namespace ringside::sim {

enum class PlantedDefect : std::uint8_t {
    None,
    NoSlowDown,          // the stack reads slow_down as authorization_pending: no +5 s step
    IgnoreRetryAfter,    // the stack drops Retry-After headers
    RetryStorm,          // the stack resends a request that got a 5xx at once, 20 times
    FatalServerError,    // the stack turns a 5xx into access_denied: a passing outage is final
    AcceptRevokedGrant,  // the stack turns invalid_grant into a token answer with made-up tokens
    LossyFlash,          // a power cut at a flash operation erases the whole part
    LeakAuthorization,   // the stack logs each request's Authorization header and form
    SpinOnWifiLoss,      // the Wi-Fi driver spins at one instant once the access points go
    CrashOnReset,        // the stack aborts when a connection is reset (a failed assertion)
    NoJitter,            // the random source is stuck: back-off and refresh times lose their jitter
};

// Names as written in scenarios and on the command line ("no_slow_down", ...), None first.
const std::vector<std::string>& planted_defect_names();
std::optional<PlantedDefect> parse_planted_defect(std::string_view name);
const char* to_string(PlantedDefect defect);

// What the defective HTTP stack hands the firmware in place of `response` (unchanged for
// defects that are not in the stack's answers).
void distort_answer(PlantedDefect defect, cloud::CloudResponse& response);

} // namespace ringside::sim
