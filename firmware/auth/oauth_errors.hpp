#pragma once
// What an HTTP answer from the authorization server means to the auth client, independent
// of the request that got it: RFC 6749 §5.2 and RFC 8628 §3.5 error codes, plus the Alexa
// SDK's list of errors that no retry can fix.
// Who may call: the auth client; tests.
#include <cstdint>
#include <string_view>

#include "firmware/core/fixed_string.hpp"
#include "firmware/hal/http_client.hpp"

namespace ringside::fw {

enum class OAuthOutcome : std::uint8_t {
    Ok,                    // 2xx; the body still has to parse
    AuthorizationPending,  // keep polling
    SlowDown,              // keep polling, 5 s slower from now on
    ExpiredToken,          // the device code lapsed
    AccessDenied,          // the user said no
    InvalidGrant,          // device code or refresh token not (or no longer) valid
    Unrecoverable,         // configuration or client problem: retrying cannot help
    Transient,             // transport error, 5xx, 429, an unreadable or unknown answer
};

// Classifies `response`; copies its "error" code (if any, and if it is a plain token of
// letters, digits and _ . -) into `error` for trace lines.
OAuthOutcome classify(const hal::HttpResponse& response, FixedString<48>& error);

} // namespace ringside::fw
