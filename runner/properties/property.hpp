#pragma once
// The properties a run must keep whatever faults it meets (`ringside explore` checks them
// on every run; a scenario names the ones `ringside run` checks with `properties:`), and the
// bounds they state. docs/explore.md says what each means and why.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ringside::runner {

enum class Property : std::uint8_t {
    LinkedNeedsGrant,  // never linked while the cloud holds no valid grant for the speaker
    PollInterval,      // no poll sooner than the interval in force (RFC 8628 §3.5)
    RequestRate,       // no storm: at most the stated number of auth requests a minute
    RetryAfter,        // no auth request before an answer's Retry-After has passed
    Liveness,          // linked again soon after the faults stop, unless revoked or denied
    TokenStore,        // after a power cut the store holds the old or the new credentials
    NoSecret,          // no token, code or password in the trace, speech or app messages
    Progress,          // virtual time keeps moving (the watchdog)
    NoCrash,           // the run ends: no crash, failed assertion or sanitizer report (seen
                       // by `ringside explore`, which plays runs in child processes)
};

// Names as written ("linked_needs_grant", ...), in enum order.
const std::vector<std::string>& property_names();
std::optional<Property> parse_property(std::string_view name);
const std::string& to_string(Property property);
std::vector<Property> all_properties();

using Millis = std::chrono::milliseconds;

// Stated bounds.
// RequestRate: auth requests (metadata, code, token, revocation) in any 60 s of virtual
// time: what polling at the fastest interval the cloud asks for needs, plus this many.
inline constexpr int kSpareRequestsPerMinute = 15;
// Liveness: how long after the last fault the speaker must be linked again.
inline constexpr Millis kRelinkBound{10 * 60 * 1000};
// RetryAfter: the most the firmware is bound to wait (it caps longer asks, DESIGN.md).
inline constexpr Millis kMaxRetryAfter{3600 * 1000};

struct Violation {
    Property property = Property::Progress;
    Millis at{0};         // virtual time it was seen
    std::string message;  // what broke, with the figures; never a secret
};

} // namespace ringside::runner
