#pragma once
// Transport-neutral HTTP request/response for the mock cloud. The in-process transport and
// the cpp-httplib server both translate to and from these.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cloud/voice/voice_profile.hpp"

namespace ringside::cloud {

using Millis = std::chrono::milliseconds;

// A transport-level fault: the exchange breaks instead of being answered. Every kind reaches
// the device as one transport error (a real HTTP stack cannot tell them apart reliably).
enum class Break : std::uint8_t {
    None,
    EmptyReply,      // the connection closes before a byte of the answer
    Reset,           // the connection is reset (TCP RST) instead of answered
    RandomBytes,     // seeded random bytes that are not HTTP, then the connection closes
    MalformedChunk,  // a valid status line and headers, then a chunked body whose framing is broken
};

struct CloudRequest {
    std::string method;        // "GET", "POST"
    std::string path;          // "/oauth2/token" (no query)
    std::string query;         // raw, without '?'
    std::string content_type;
    std::string body;
    std::string authorization{};  // the Authorization header value; never journaled
    // scheme://host:port the device addressed (sim/board/url.hpp's origin()); empty: the
    // issuer's. The mock cloud ignores it; an external issuer's client routes on it.
    std::string origin{};
};

// A real exchange that got no HTTP answer at all (sim/cloud_client/issuer_cloud.hpp): how the
// host's network stack failed, handed to the device as the matching transport error.
enum class NoAnswer : std::uint8_t { None, ConnectionFailed, Timeout, TlsFailed, Broken };

struct CloudResponse {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // extra, e.g. Cache-Control
    // An injected fault swallowed the request: the transport must never answer it, so the
    // firmware's own request timeout is what ends the wait.
    bool dropped = false;
    // An injected delay: the transport holds the answer this long before sending it.
    Millis delay{0};
    // An injected slow dribble: the body goes out spread evenly over this span.
    Millis dribble{0};
    // An injected transport fault: the transport breaks the exchange this way instead of
    // answering (for RandomBytes, `body` holds the bytes to send).
    Break broken = Break::None;
    // The exchange really failed (never set by the mock cloud, whose failures are `broken`).
    NoAnswer no_answer = NoAnswer::None;
};

struct Account {
    std::string id;        // scenario handle, e.g. "jane"
    std::string email;     // defaults to id@example.com
    std::string password;
    // Two-step verification (RFC 6238 TOTP): the verification page then also needs the
    // current one-time code. An empty secret is derived from the seed (cloud/verification/totp.hpp).
    bool mfa_totp = false;
    std::string totp_secret{};  // raw key bytes
    VoiceProfile voice{};  // household, subscriptions, voice code, skills (voice API)
    // A restricted account (suspended, or a child's) may sign in at the verification page but
    // may not link a device: approving is refused there and from the app. Existing grants are
    // not touched (revoke_account ends those).
    bool restricted = false;
};

struct Client {
    std::string id;        // client_id
    bool is_public = true; // device clients are public (no secret)
    // A web-type client id (an LWA security profile with web settings) can sign a device in,
    // but its refresh tokens are refused with invalid_request: the Alexa SDK's field report.
    bool web = false;
    // What the verification page calls the device (RFC 8628 §5.4: the person must be able to
    // tell which device asks), e.g. "Ringside One speaker". Empty: the client id is shown.
    std::string name{};
    // A confidential client's secret (RFC 6749 §2.3.1): it must then authenticate, with HTTP
    // Basic or client_secret in the body. Empty: a public client, client_id alone (the speaker).
    std::string secret{};
    // The scopes this client may ask for (RFC 6749 §3.3); any other is invalid_scope. Empty:
    // any scope, as before per-client scopes existed (every scenario's speaker).
    std::vector<std::string> scopes{};
};

// Which protocol the cloud speaks: RFC 8628 (with RFC 8414 metadata) or Login with Amazon's
// code-based linking (/auth/O2/create/codepair, /auth/O2/token, no metadata).
enum class Dialect { Rfc8628, Lwa };
const char* to_string(Dialect d);

struct CloudConfig {
    std::string issuer = "https://auth.ringside.test";
    std::vector<Account> accounts;   // always also holds demo@example.com unless disabled
    std::vector<Client> clients;     // always also holds "ringside-speaker"
    Millis access_token_lifetime = std::chrono::seconds(3600);
    Millis device_code_lifetime = std::chrono::seconds(600);
    Millis poll_interval = std::chrono::seconds(5);
    std::uint64_t seed = 1;
    // Codes and tokens from the OS's CSPRNG rather than from `seed`: `ringside cloud` without
    // --seed (cloud/oauth/code_source.hpp). Never for a scenario's cloud, whose codes the seed
    // must reproduce; not carried in tenant configurations.
    bool os_random_codes = false;
    Dialect dialect = Dialect::Rfc8628;
    // The calendar (unix seconds) at the cloud's clock zero: every answer's Date header says
    // this plus the cloud's `now`. The virtual world sets its own start; `ringside cloud`
    // the wall clock at start-up.
    std::int64_t calendar_start_unix = 1'764'028'800;  // 2025-11-25T00:00:00Z
    // Journal entries held at most (request_journal.hpp); older ones are dropped, counts stay
    // exact. 0: no limit, as a scenario's cloud needs for its request expectations;
    // `ringside cloud` sets one (--journal-size), so a long-running server's memory is bounded.
    // Not carried in tenant configurations: the server gives its tenants its own.
    std::size_t journal_capacity = 0;
};

// One line of the request journal: what the cloud saw and answered. No secrets: tokens,
// codes and passwords are never stored here.
struct JournalEntry {
    Millis at{0};
    std::string method;
    std::string path;
    std::string endpoint;   // "metadata", "device_authorization", "token", "revoke", "other"
    std::string grant_type; // token endpoint only: "device_code", "refresh_token", ...
    std::string client_id;
    int status = 0;
    std::string error;      // RFC 6749 error code when status >= 400, else empty
    bool faulted = false;   // the answer came from an injected fault
    Millis delay{0};        // how long an injected delay held the answer (drawn per firing)
};

// How an injected delay is drawn: each firing draws afresh from the fault's own seeded
// stream, so the same seed gives the same delays and no other draw moves.
enum class DelayShape : std::uint8_t {
    Fixed,      // `delay` every time
    Uniform,    // uniform in [`delay`, `delay_max`], whole milliseconds
    LogNormal,  // median `delay`, and `delay_sigma` the standard deviation of ln(delay)
};

// An injected fault at the OAuth, HTTP or transport level. Matches requests to `endpoint`
// (a journal name such as "token", "device_authorization", "metadata", "other", or "*"),
// optionally only one grant type or client; skips the first `after` matching requests, then
// fires on the next `count` (0 = forever). cloud/faults/faults.hpp tells what replaces the
// service's answer and what only shapes it.
struct Fault {
    // Which requests it watches.
    std::string endpoint = "token";
    std::string grant_type;      // empty = any
    std::string client_id;       // empty = any
    // When it fires among the requests it watches: skip the first `after`, then every
    // `every`-th one, at most `count` times (0 = no limit: sticky), only inside the time
    // window [from, until) of the cloud's clock, each time with `probability` (drawn from
    // the cloud's seed, so the same run fires the same way).
    int after = 0;
    int count = 1;
    int every = 1;
    std::optional<Millis> from, until;
    double probability = 1.0;
    // What it answers instead of the service (the first that is set): never (`drop`), a
    // broken exchange that carries no answer (`broken` EmptyReply, Reset, RandomBytes), a
    // malformed 200 token answer (`body`), `status` with `raw_body` as given, an OAuth
    // error, or a bare status.
    bool drop = false;           // never answer (the caller's timeout must fire)
    std::string body;            // missing_access_token, string_expires_in, negative_expires_in,
                                 // wrong_token_type, wrong_content_type, empty, garbage
    int status = 0;              // HTTP status to answer; 0 = derive from oauth_error (400)
    std::string oauth_error;     // e.g. "slow_down", "expired_token"; empty = plain status
    std::optional<std::string> raw_body;   // with `status`: this body, not RFC 6749 JSON
    std::string raw_content_type = "text/plain";
    int retry_after_s = 0;
    // How whatever answer goes back is shaped (alone: the service's own answer, shaped):
    // held back (`delay`, drawn by `delay_shape`), its body dribbled out over `dribble`,
    // its chunked framing broken (`broken` MalformedChunk), its Date shifted by `date_skew`.
    Millis delay{0};             // Fixed: the delay; Uniform: the least; LogNormal: the median
    DelayShape delay_shape = DelayShape::Fixed;
    Millis delay_max{0};         // Uniform only
    double delay_sigma = 0.0;    // LogNormal only
    Millis dribble{0};
    Break broken = Break::None;
    Millis date_skew{0};         // signed: the Date header tells the cloud's calendar this far off
    // The JSON answer's members reshaped (cloud/faults/answer_shape.hpp): `omit` drops
    // these members, `set` gives each named member this exact JSON text as its value — what
    // real servers send that this one would not (no `interval`, "3600" in quotes, 1e400).
    std::vector<std::string> omit;
    std::vector<std::pair<std::string, std::string>> set;  // member, JSON value text

    // Whether it answers or shapes anything at all (a fault that does neither is refused).
    bool does_something() const {
        return status != 0 || !oauth_error.empty() || drop || !body.empty() || delay > Millis(0) ||
               delay_max > Millis(0) || dribble > Millis(0) || broken != Break::None || date_skew != Millis(0) ||
               !omit.empty() || !set.empty();
    }
};

// The malformed-body kinds a Fault may name, for validation and messages.
const std::vector<std::string>& fault_body_kinds();
// Break kinds by name ("empty_reply", "reset", "random_bytes", "malformed_chunk"), for the
// scenario keys, the admin form and the journal's "broken_<name>" errors.
const char* to_string(Break b);
const std::vector<std::string>& break_kinds();
std::optional<Break> parse_break(std::string_view name);

// Scheduled: the approval is booked and happens once the speaker has polled the code the
// number of times asked for (CloudService::approve_after_polls).
// Restricted: the account may not link devices (Account::restricted); nothing was decided.
enum class ApprovalResult { Approved, Denied, UnknownCode, ExpiredCode, UnknownAccount, AlreadyUsed, Scheduled, Restricted };
const char* to_string(ApprovalResult r);

} // namespace ringside::cloud
