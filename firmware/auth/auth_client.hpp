#pragma once
// The auth client: OAuth 2.0 device authorization grant (RFC 8628) against an issuer whose
// endpoints it discovers (RFC 8414), then refresh-token upkeep (RFC 6749 §6).
//
//   Unlinked --start--> Discovering --metadata--> RequestingCode --code--> AwaitingApproval
//   AwaitingApproval --tokens--> Linked --refresh due--> (refresh) --tokens--> Linked
//   Linked --access token lapsed--> Expired --refresh ok--> Linked
//   expired code --> RequestingCode;  refused refresh token (invalid_grant) --> Unlinked
//   access_denied / unrecoverable error --> Failed (until start() again)
// With a stored refresh token, start() goes Discovering --> refresh --> Linked directly.
// With the RTC before the firmware's build (battery lost), Discovering first sets the clock
// from the Date header of a plain-HTTP request to the issuer's host, then fetches metadata.
// A TLS failure on any request re-syncs the clock the same way before that request's
// retry: a clock set from a Date that lied (or that drifted) recovers once the Date is right.
// Transport errors, 5xx, 429 and unreadable answers retry with Backoff; every request has
// a 60 s deadline; an answer to anything but the outstanding request is dropped.
//
// Who may call: the device lifecycle (start, reset) and the Speaker's event routing
// (on_timer, on_http). Observation from anyone. Nothing here ever traces a secret.
#include <array>
#include <cstdint>
#include <string_view>

#include "firmware/auth/backoff.hpp"
#include "firmware/auth/refresh_schedule.hpp"
#include "firmware/auth/stored_credentials.hpp"
#include "firmware/core/device_config.hpp"
#include "firmware/core/fixed_string.hpp"
#include "firmware/core/request_buffer.hpp"
#include "firmware/core/states.hpp"
#include "firmware/core/tracer.hpp"
#include "firmware/hal/board.hpp"

namespace ringside::fw {

class JsonReader;

// What the device lifecycle must act on after an auth event.
enum class AuthNotice : std::uint8_t {
    None,
    TokensIssued,  // Linked with fresh tokens: persist refresh_token() if it changed
    GrantRevoked,  // the refresh token was refused (revoked): erase everything, back to setup
    Failed,        // stopped for good until start() again
    RevocationDone,  // the factory reset's revocation ended (answered, failed or timed out)
};

// Who ended a sign-in that failed, so the speaker can say so (a person who pressed Deny is
// told apart from a service that refused the speaker itself):
//   Person   the device-code poll answered access_denied (RFC 8628 §3.5: the end user
//            denied the request at the verification page or in the app)
//   Service  any other OAuth error that ends the grant or the refresh: invalid_scope,
//            unauthorized_client, invalid_client, invalid_request, unsupported_grant_type,
//            LWA's InvalidValue, and access_denied to a refresh (no person is asked there)
//   Nobody   no one approved: the codes lapsed kMaxCodeRenewals times (expired_token)
//   Speaker  the speaker's own configuration cannot make the request (request_too_large,
//            an LWA issuer that is not a URL)
enum class FailedBy : std::uint8_t { Nobody, Person, Service, Speaker };

inline constexpr hal::Millis kRequestTimeout{60'000};
inline constexpr hal::Millis kDefaultPollInterval{5'000};  // RFC 8628 §3.2
inline constexpr hal::Millis kSlowDownStep{5'000};         // RFC 8628 §3.5
// How long a factory reset waits for the revocation's answer before wiping anyway.
inline constexpr hal::Millis kRevocationWait{5'000};
// Fresh codes requested in a row for nobody approving: then Failed ("expired_token"), so a
// speaker nobody attends to stops polling instead of retrying forever (an SDK field bug).
inline constexpr int kMaxCodeRenewals = 3;

// Bounds on the durations a server supplies, in whole seconds. Outside them (or not a JSON
// number: "600" in quotes is a string) an answer is malformed: refused, its reason traced,
// retried with back-off. The bounds also keep seconds -> milliseconds far from overflow.
//   interval: 1 s .. 1 h   (RFC 8628 §3.5 default 5 s; LWA 30 s; an hour is already absurd)
//   code expires_in: 1 s .. 24 h   (RFC 8628 examples 1800 s; LWA 600 s)
//   token expires_in: 1 s .. 365 d   (RFC 6749 §5.1; LWA 3600 s)
// A missing interval or code expires_in takes its default; a missing token expires_in, 1 h.
inline constexpr std::int64_t kMinPollIntervalS = 1;
inline constexpr std::int64_t kMaxPollIntervalS = 3'600;
inline constexpr std::int64_t kMinCodeLifetimeS = 1;
inline constexpr std::int64_t kMaxCodeLifetimeS = 86'400;
inline constexpr std::int64_t kMinAccessLifetimeS = 1;
inline constexpr std::int64_t kMaxAccessLifetimeS = 31'536'000;
// Retry-After (RFC 9110 §10.2.3) is honoured up to an hour; a longer one waits an hour
// (traced), so a broken or hostile value cannot park the speaker for good.
inline constexpr std::uint32_t kMaxRetryAfterS = 3'600;

class AuthClient {
public:
    static constexpr std::size_t kMaxUrl = 256;
    static constexpr std::size_t kMaxDeviceCode = 256;
    static constexpr std::size_t kMaxUserCode = 32;
    static constexpr std::size_t kMaxAccessToken = 2048;

    // `scratch` is the Speaker's shared request buffer (firmware/core/request_buffer.hpp).
    AuthClient(const hal::Board& board, const DeviceConfig& config, const Tracer& tracer, RequestBuffer& scratch);

    // Begins a sign-in: drops any earlier session, discovers the issuer's endpoints, then
    // refreshes with `refresh_token` or, when it is empty, runs the device grant.
    AuthNotice start(std::string_view refresh_token);
    // Back to Unlinked: cancels the request and every auth timer, wipes codes and tokens.
    void reset();
    // A factory reset's first step (RFC 7009): stops everything else and revokes the refresh
    // token at the issuer's revocation endpoint (from its RFC 8414 metadata), best effort.
    // True when the request is out: AuthNotice::RevocationDone follows within
    // kRevocationWait (answered, failed or timed out), and then reset(). False when nothing
    // was sent (no token, no known endpoint, the transport refused; the trace says why):
    // reset() at once. Trace: `auth revocation confirmed | refused: <status> [error] |
    // could not be sent: <why>`. Who may call: the device lifecycle, with Wi-Fi joined.
    bool revoke_for_reset();

    // The voice API answered 401 to the current access token (revoked or expired early):
    // drop it and refresh now instead of waiting for the schedule. Ignored unless Linked or
    // Expired, and while a refresh is already in flight. Who may call: the voice client.
    AuthNotice access_token_rejected();

    static bool owns_timer(hal::TimerId id);
    AuthNotice on_timer(hal::TimerId id);
    AuthNotice on_http(hal::RequestId id, const hal::HttpResponse& response);
    AuthState state() const { return state_; }
    // Shown to the user; empty unless AwaitingApproval.
    std::string_view user_code() const;
    std::string_view verification_uri() const;
    std::string_view verification_uri_complete() const;
    // Secrets, for the token store and for cloud requests. Never trace them.
    std::string_view refresh_token() const { return refresh_token_.view(); }
    std::string_view access_token() const { return access_token_.view(); }
    // Why the client is Failed: the OAuth error (e.g. "access_denied", "expired_token",
    // "unauthorized_client") or "request_too_large". Empty otherwise. Never a secret.
    std::string_view failure_reason() const {
        return state_ == AuthState::Failed ? failure_reason_.view() : std::string_view();
    }
    // Who ended it (see FailedBy); meaningful only while Failed.
    FailedBy failed_by() const { return failed_by_; }
    // The last exchange got no HTTP answer at all (a transport error, or no answer within
    // kRequestTimeout) and none has come since: the cloud cannot be reached. An HTTP error
    // status is an answer, so it clears this.
    bool cloud_unreachable() const { return unreachable_; }
    // The interval between polls now (server's interval plus every slow_down so far).
    hal::Millis poll_interval() const { return interval_; }

private:
    // TimeSync: a plain-HTTP GET of the issuer's host for its Date header, sent first when
    // the RTC is before kBuiltAfterUnix (battery lost), since TLS cannot work until then.
    // Revoke: the factory reset's RFC 7009 revocation (revoke_for_reset), never retried.
    enum class Request : std::uint8_t { None, Metadata, DeviceCode, Poll, Refresh, TimeSync, Revoke };
    // Everything the machine reacts to, after responses have been read and timers named.
    enum class Input : std::uint8_t {
        Start,
        MetadataReady,
        CodeIssued,
        PollDue,
        Pending,
        SlowDown,
        CodeLapsed,     // expired_token, invalid device code, or the local code timer
        Denied,
        TokensIssued,
        GrantInvalid,   // the refresh token was refused
        Unrecoverable,
        RequestFailed,  // transient: retry after back-off
        RetryDue,
        RefreshDue,
        TokenLapsed,
        AccessRejected,  // the voice API refused the access token
        ClockSynced,     // the RTC was set from a Date header
    };

    // The machine's one transition function.
    // The token and device-authorization endpoints: from RFC 8414 metadata, or fixed (LWA).
    AuthNotice discover_endpoints();
    AuthNotice step(Input input);
    AuthNotice finish(AuthNotice notice);
    AuthNotice timer_input(hal::TimerId id);
    void enter(AuthState next);

    // Why a 200 answer was refused, e.g. "expires_in is a string": names and fixed words
    // only, never a value from the answer (it could be a secret).
    using Reason = FixedString<64>;

    Input read_response(Request kind, const hal::HttpResponse& response);
    // Each takes a 200 answer or says why not in `why`, leaving what it holds untouched.
    bool read_metadata(const JsonReader& json, Reason& why);
    bool read_code(const JsonReader& json, Reason& why);
    bool read_tokens(const JsonReader& json, Reason& why);
    // Read one 200 answer with `read`; a refusal is traced ("token answer refused: ...").
    bool take_answer(const hal::HttpResponse& response, std::string_view what,
                     bool (AuthClient::*read)(const JsonReader&, Reason&));

    void send(Request kind);
    hal::RequestId next_request_id();
    AuthNotice revocation_ended(std::string_view outcome, std::string_view detail);
    bool build(Request kind, hal::HttpRequest& request);
    void abandon_request();
    void schedule_retry();
    // Whether a request of `kind` still makes sense in the current state (a retry, a resume).
    bool wanted_now(Request kind) const;
    void forget_code();
    hal::Millis* held_until(Request kind);  // its endpoint's Retry-After hold; nullptr: none
    void cancel_timers();
    void arm_token_timers();

    hal::Board board_;
    const DeviceConfig& config_;
    const Tracer& tracer_;
    AuthState state_ = AuthState::Unlinked;

    // The one outstanding request, if any.
    Request in_flight_ = Request::None;
    Request last_sent_ = Request::None;
    Request retry_ = Request::None;
    // A TLS failure casts doubt on the clock: the next retry first re-syncs it from a Date,
    // then sends `resume_after_sync_` (the request that failed).
    bool clock_doubted_ = false;
    bool unreachable_ = false;  // cloud_unreachable()
    Request resume_after_sync_ = Request::None;
    hal::RequestId request_id_ = 0;
    hal::RequestId next_id_ = 0;
    bool ids_seeded_ = false;
    std::uint32_t retry_after_s_ = 0;
    // Board-clock times before which no request to the metadata, device authorization and
    // token endpoints goes out: the last Retry-After each gave, for every flow after it (RAM
    // only: a power cycle forgets them). held_until() names a request's.
    std::array<hal::Millis, 3> not_before_{};
    AuthNotice deferred_ = AuthNotice::None;
    FixedString<48> failure_reason_;
    FailedBy failed_by_ = FailedBy::Speaker;
    int code_renewals_ = 0;  // CodeLapsed in a row since the last Start or tokens
    Backoff backoff_;

    FixedString<kMaxUrl> device_authorization_endpoint_;
    FixedString<kMaxUrl> token_endpoint_;
    FixedString<kMaxUrl> revocation_endpoint_;  // empty: the issuer names none (LWA)

    FixedString<kMaxDeviceCode> device_code_;
    FixedString<kMaxUserCode> user_code_;
    FixedString<kMaxUrl> verification_uri_;
    FixedString<kMaxUrl> verification_uri_complete_;
    hal::Millis code_lifetime_{0};
    hal::Millis interval_ = kDefaultPollInterval;
    hal::Millis slow_down_extra_{0};

    FixedString<kMaxAccessToken> access_token_;
    FixedString<kMaxRefreshToken> refresh_token_;
    hal::Millis access_lifetime_{0};

    // Scratch for building one request; the transport copies what it keeps.
    FixedString<kMaxUrl> url_;
    RequestBuffer& scratch_;
};

} // namespace ringside::fw
