#pragma once
// What the scenario's cloud must do so that one captured request gets the captured answer:
// one one-shot `cloud.fault` (count: 1, after: the request's place among its endpoint's and
// grant's requests). Two ways, chosen per exchange:
// - the capture shows a successful JSON answer of the kind the cloud gives (a code pair, a
//   token answer, a 200 metadata or revocation): the cloud answers itself — its own codes
//   and tokens are the stand-ins for the captured ones, and they work for the rest of the
//   run — shaped to the capture: `set` each non-secret member to its captured JSON value
//   (a string expires_in stays a string), `omit` the members the capture lacks;
// - anything else (an error, a 429, an HTML page, a 200 that is not such JSON): the cloud
//   answers the captured status, body (secrets scrubbed) and Content-Type instead
//   (`status`+`raw_body`+`content_type`, `retry_after`); a captured status 0 (no answer) is
//   `break: reset`.
// Both ways: the server's response time (HAR timings.wait) as `delay`, and a Date header
// more than a minute off the capture's clock as `date_skew`.
// Who may call: the importer.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "importer/har/capture_secrets.hpp"
#include "importer/har/exchange_kind.hpp"
#include "importer/har/har_exchange.hpp"

namespace ringside::importer {

struct PlannedFault {
    ExchangeKind kind;
    int after = 0;              // requests of this endpoint and grant before this one
    // The captured exchange, for the comment above the fault (scrubbed).
    std::size_t entry = 0;
    std::string what;           // "POST /oauth2/token 429"
    std::int64_t at_ms = 0;     // from the capture's first device-side request

    // The answer instead of the cloud's (none: the cloud's own, shaped).
    std::optional<int> status;
    std::optional<std::string> raw_body;      // scrubbed
    std::optional<std::string> content_type;  // scrubbed
    bool reset = false;                       // no answer in the capture
    std::optional<std::int64_t> retry_after_s;
    // Shaping.
    std::int64_t delay_ms = 0;
    std::optional<std::int64_t> date_skew_s;
    std::vector<std::string> omit;
    std::vector<std::pair<std::string, std::string>> set;  // member, its value as YAML flow text (scrubbed)

    // Nothing to say: the cloud's own answer as it is.
    bool empty() const {
        return !status && !reset && delay_ms == 0 && !date_skew_s && omit.empty() && set.empty();
    }
};

PlannedFault plan_answer(const HarExchange& exchange, const ExchangeKind& kind, int after,
                         const CaptureSecrets& secrets, std::int64_t capture_start_ms);

// Whether the captured answer is a 200 to a device_code poll: the user approved.
bool approves(const HarExchange& exchange, const ExchangeKind& kind);

} // namespace ringside::importer
