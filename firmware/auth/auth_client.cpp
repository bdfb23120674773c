#include "firmware/auth/auth_client.hpp"

#include "firmware/core/request_ids.hpp"

#include <algorithm>
#include <cctype>

#include "firmware/auth/lwa_requests.hpp"
#include "firmware/auth/oauth_errors.hpp"
#include "firmware/core/build_time.hpp"
#include "firmware/core/form_writer.hpp"
#include "firmware/core/json_reader.hpp"
#include "firmware/core/timer_ids.hpp"
#include "firmware/core/url.hpp"

namespace ringside::fw {
namespace {

using hal::Millis;

constexpr std::string_view kDeviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code";
constexpr std::string_view kFormContentType = "application/x-www-form-urlencoded";
// An extension parameter of the device authorization request: the serial number, so the
// verification page can show a person which device asks (RFC 8628 §5.4, against remote
// phishing). Servers ignore parameters they do not know (RFC 6749 §3.1, which RFC 8628 §3.1
// follows), so the speaker still signs in against any conformant server.
constexpr std::string_view kDeviceSerialParameter = "device_serial";
constexpr Millis kDefaultCodeLifetime{600'000};  // LWA's code pairs live 600 s
constexpr Millis kDefaultAccessLifetime{3'600'000};

constexpr hal::TimerId kAuthTimers[] = {timer::kAuthPoll,   timer::kAuthRefresh,  timer::kAuthRetry,
                                        timer::kCodeExpiry, timer::kTokenExpiry, timer::kHttpTimeout};

std::string_view transport_name(hal::TransportError e) {
    switch (e) {
        case hal::TransportError::None: return "none";
        case hal::TransportError::Timeout: return "timeout";
        case hal::TransportError::ConnectionFailed: return "connection_failed";
        case hal::TransportError::NoNetwork: return "no_network";
        case hal::TransportError::TlsFailed: return "tls_failed";
        case hal::TransportError::Broken: return "broken";
    }
    return "transport_error";
}

using Reason = FixedString<64>;

bool refuse(Reason& why, std::string_view key, std::string_view problem) {
    why.clear();
    why.append_clipped(key);
    why.append_clipped(" ");
    why.append_clipped(problem);
    return false;
}

std::string_view type_problem(JsonType type) {
    switch (type) {
        case JsonType::Absent: return "is missing";
        case JsonType::String: return "is a string";
        case JsonType::Number: return "is a number";
        case JsonType::Object: return "is an object";
        case JsonType::Array: return "is an array";
        case JsonType::Boolean: return "is true or false";
        case JsonType::Null: return "is null";
    }
    return "is unreadable";
}

// A string member that must be there, decode, be non-empty and fit `capacity`. Checks only:
// nothing is written, so a refused answer leaves what the client holds as it was.
bool check_text(const JsonReader& json, std::string_view key, std::size_t capacity, Reason& why) {
    const JsonType type = json.type(key);
    if (type != JsonType::String) return refuse(why, key, type_problem(type));
    const auto length = json.string_length(key);
    if (!length) return refuse(why, key, "is badly escaped");
    if (*length == 0) return refuse(why, key, "is empty");
    if (*length > capacity) return refuse(why, key, "is too long");
    return true;
}

// A duration the server gives in whole seconds, into milliseconds: `fallback` when absent;
// otherwise a JSON integer in [min_s, max_s] (the bounds keep the multiplication in range).
bool read_seconds(const JsonReader& json, std::string_view key, std::int64_t min_s, std::int64_t max_s,
                  Millis fallback, Millis& out, Reason& why) {
    const JsonType type = json.type(key);
    if (type == JsonType::Absent) {
        out = fallback;
        return true;
    }
    if (type != JsonType::Number) return refuse(why, key, type_problem(type));
    const auto value = json.get_int(key);
    const auto raw = json.raw(key);
    if (!value && raw && raw->find_first_of(".eE") != std::string_view::npos)
        return refuse(why, key, "is not a whole number");
    if (!value || *value < min_s || *value > max_s) {
        FixedString<48> problem;
        problem.append("is out of range (");
        problem.append_decimal(static_cast<std::uint64_t>(min_s));
        problem.append("..");
        problem.append_decimal(static_cast<std::uint64_t>(max_s));
        problem.append(" s)");
        return refuse(why, key, problem.view());
    }
    out = Millis{*value * 1000};
    return true;
}

// RFC 6750: the speaker can only present Bearer tokens; token type names are
// case-insensitive (RFC 6749 §7.1), and Login with Amazon writes "bearer".
bool check_bearer(const JsonReader& json, Reason& why) {
    const JsonType type = json.type("token_type");
    if (type != JsonType::String) return refuse(why, "token_type", type_problem(type));
    FixedString<16> name;
    bool bearer = json.get_string("token_type", name) && name.view().size() == 6;
    constexpr std::string_view kBearer = "bearer";
    for (std::size_t i = 0; bearer && i < kBearer.size(); ++i)
        bearer = std::tolower(static_cast<unsigned char>(name.view()[i])) == kBearer[i];
    return bearer || refuse(why, "token_type", "is not Bearer");
}

} // namespace

AuthClient::AuthClient(const hal::Board& board, const DeviceConfig& config, const Tracer& tracer, RequestBuffer& scratch)
    : board_(board), config_(config), tracer_(tracer), scratch_(scratch) {}

AuthNotice AuthClient::start(std::string_view refresh_token) {
    if (!refresh_token_.assign(refresh_token)) refresh_token_.wipe();
    return finish(step(Input::Start));
}

AuthNotice AuthClient::finish(AuthNotice notice) {
    // A request that could not even be built failed the machine from inside send().
    if (deferred_ != AuthNotice::None) notice = deferred_;
    deferred_ = AuthNotice::None;
    return notice;
}

void AuthClient::reset() {
    abandon_request();
    cancel_timers();
    forget_code();
    access_token_.wipe();
    refresh_token_.wipe();
    backoff_.reset();
    slow_down_extra_ = Millis{0};
    retry_ = Request::None;
    code_renewals_ = 0;
    failure_reason_.clear();
    unreachable_ = false;
    enter(AuthState::Unlinked);
}

bool AuthClient::revoke_for_reset() {
    abandon_request();
    cancel_timers();
    retry_ = Request::None;
    if (refresh_token_.empty()) return false;  // never linked: nothing to revoke
    if (revocation_endpoint_.empty()) {
        tracer_.emit("auth", "revocation", "could not be sent: no revocation endpoint known");
        return false;
    }
    FormWriter form(scratch_.data(), scratch_.size());
    form.add("token", refresh_token_.view());
    form.add("token_type_hint", "refresh_token");
    form.add("client_id", config_.client_id);
    hal::HttpRequest request;
    request.method = hal::HttpMethod::Post;
    request.url = revocation_endpoint_.view();
    request.content_type = kFormContentType;
    request.body = form.view();
    bool sent = false;
    if (form.ok()) {
        request_id_ = next_request_id();
        FixedString<160> detail;
        detail.append("POST ");
        detail.append_clipped(url_path(request.url));
        detail.append_clipped(" refresh_token");
        tracer_.emit("http", "request", detail.view());
        sent = board_.http.send(request_id_, request);
    }
    scratch_.wipe();  // the form held the refresh token
    if (!sent) {
        tracer_.emit("auth", "revocation", form.ok() ? "could not be sent: not_sent" : "could not be sent: too large");
        return false;
    }
    in_flight_ = Request::Revoke;
    last_sent_ = Request::Revoke;
    board_.timers.arm(timer::kHttpTimeout, kRevocationWait);
    return true;
}

AuthNotice AuthClient::revocation_ended(std::string_view outcome, std::string_view detail) {
    FixedString<80> line;
    line.append_clipped(outcome);
    line.append_clipped(detail);
    tracer_.emit("auth", "revocation", line.view());
    return AuthNotice::RevocationDone;
}

AuthNotice AuthClient::access_token_rejected() { return finish(step(Input::AccessRejected)); }

bool AuthClient::owns_timer(hal::TimerId id) {
    return std::find(std::begin(kAuthTimers), std::end(kAuthTimers), id) != std::end(kAuthTimers);
}

AuthNotice AuthClient::on_timer(hal::TimerId id) { return finish(timer_input(id)); }

AuthNotice AuthClient::timer_input(hal::TimerId id) {
    switch (id) {
        case timer::kAuthPoll: return step(Input::PollDue);
        case timer::kAuthRetry: return step(Input::RetryDue);
        case timer::kCodeExpiry: return step(Input::CodeLapsed);
        case timer::kAuthRefresh: return step(Input::RefreshDue);
        case timer::kTokenExpiry: return step(Input::TokenLapsed);
        case timer::kHttpTimeout:
            if (in_flight_ == Request::None) return AuthNotice::None;
            if (in_flight_ == Request::Revoke) {
                board_.http.cancel(request_id_);
                in_flight_ = Request::None;
                return revocation_ended("could not be sent: ", "timeout");
            }
            // The transport never answered: stop waiting, and treat it like its own timeout.
            board_.http.cancel(request_id_);
            in_flight_ = Request::None;
            retry_after_s_ = 0;
            unreachable_ = true;
            tracer_.emit("http", "response", "timeout");
            return step(Input::RequestFailed);
        default: return AuthNotice::None;
    }
}

AuthNotice AuthClient::on_http(hal::RequestId id, const hal::HttpResponse& response) {
    // Stale: the answer to a request already abandoned (timed out, superseded, reset).
    if (in_flight_ == Request::None || id != request_id_) return AuthNotice::None;
    const Request kind = in_flight_;
    in_flight_ = Request::None;
    board_.timers.cancel(timer::kHttpTimeout);
    if (kind == Request::Revoke) {
        // RFC 7009 §2.2: 200 whether or not the token was still live; anything else means
        // the grant may live on. Either way the reset goes on: it is best effort.
        FixedString<48> detail;
        if (response.error != hal::TransportError::None) return revocation_ended("could not be sent: ", transport_name(response.error));
        if (response.status >= 200 && response.status < 300) return revocation_ended("confirmed", "");
        FixedString<48> error;
        (void)classify(response, error);
        detail.append_decimal(static_cast<std::uint64_t>(response.status < 0 ? 0 : response.status));
        if (!error.empty()) {
            detail.append(" ");
            detail.append(error.view());
        }
        return revocation_ended("refused: ", detail.view());
    }
    retry_after_s_ = response.retry_after_s;
    if (retry_after_s_ > kMaxRetryAfterS) {
        FixedString<64> line;
        line.append("Retry-After ");
        line.append_decimal(retry_after_s_);
        line.append(" s capped at ");
        line.append_decimal(kMaxRetryAfterS);
        line.append(" s");
        tracer_.emit("log", "warn", line.view());
        retry_after_s_ = kMaxRetryAfterS;
    }
    if (Millis* hold = held_until(kind); hold && retry_after_s_ > 0)
        *hold = board_.clock.now() + Millis{static_cast<std::int64_t>(retry_after_s_) * 1000};
    unreachable_ = response.error != hal::TransportError::None;
    const Input input = read_response(kind, response);
    if (input != Input::RequestFailed) backoff_.reset();
    return finish(step(input));
}

std::string_view AuthClient::user_code() const {
    return state_ == AuthState::AwaitingApproval ? user_code_.view() : std::string_view();
}
std::string_view AuthClient::verification_uri() const {
    return state_ == AuthState::AwaitingApproval ? verification_uri_.view() : std::string_view();
}
std::string_view AuthClient::verification_uri_complete() const {
    return state_ == AuthState::AwaitingApproval ? verification_uri_complete_.view() : std::string_view();
}

AuthNotice AuthClient::discover_endpoints() {
    // LWA has no RFC 8414 metadata: its paths are fixed under the issuer.
    revocation_endpoint_.clear();  // LWA names none; RFC 8414 metadata may
    if (config_.dialect == AuthDialect::Lwa)
        return lwa_url(config_.issuer, kLwaCodePairPath, device_authorization_endpoint_) &&
                       lwa_url(config_.issuer, kLwaTokenPath, token_endpoint_)
                   ? step(Input::MetadataReady)
                   : step(Input::Unrecoverable);
    send(Request::Metadata);
    return AuthNotice::None;
}

AuthNotice AuthClient::step(Input input) {
    auto& timers = board_.timers;
    switch (input) {
        case Input::Start:
            abandon_request();
            cancel_timers();
            forget_code();
            access_token_.wipe();
            backoff_.reset();
            slow_down_extra_ = Millis{0};
            retry_ = Request::None;
            code_renewals_ = 0;
            failure_reason_.clear();
            failed_by_ = FailedBy::Speaker;  // until an answer names someone else
            clock_doubted_ = false;
            resume_after_sync_ = Request::None;
            enter(AuthState::Discovering);
            // TLS needs calendar time: a clock that never learnt it is synced first.
            if (board_.rtc.unix_seconds() < kBuiltAfterUnix) {
                send(Request::TimeSync);
                return AuthNotice::None;
            }
            return discover_endpoints();

        case Input::ClockSynced: {
            const Request resume = resume_after_sync_;
            resume_after_sync_ = Request::None;
            if (resume != Request::None) {
                if (wanted_now(resume)) send(resume);
                return AuthNotice::None;
            }
            return state_ == AuthState::Discovering ? discover_endpoints() : AuthNotice::None;
        }

        case Input::MetadataReady:
            if (state_ != AuthState::Discovering) return AuthNotice::None;
            // Stays Discovering through a boot-time refresh: no device grant is shown.
            if (!refresh_token_.empty()) {
                send(Request::Refresh);
                return AuthNotice::None;
            }
            enter(AuthState::RequestingCode);
            send(Request::DeviceCode);
            return AuthNotice::None;

        case Input::CodeIssued:
            enter(AuthState::AwaitingApproval);
            // The server's expired_token is the authority; this local lapse is only the
            // backstop for a server that never says it, so it waits two polls longer.
            timers.arm(timer::kCodeExpiry, code_lifetime_ + 2 * interval_);
            timers.arm(timer::kAuthPoll, interval_);
            return AuthNotice::None;

        case Input::PollDue:
            if (state_ == AuthState::AwaitingApproval) send(Request::Poll);
            return AuthNotice::None;

        case Input::Pending:
            timers.arm(timer::kAuthPoll, interval_);
            return AuthNotice::None;

        case Input::SlowDown:
            // RFC 8628 §3.5: +5 s for this and all subsequent polls, fresh codes included.
            slow_down_extra_ += kSlowDownStep;
            interval_ += kSlowDownStep;
            timers.arm(timer::kAuthPoll, interval_);
            return AuthNotice::None;

        case Input::CodeLapsed:
            if (state_ != AuthState::AwaitingApproval) return AuthNotice::None;
            if (++code_renewals_ > kMaxCodeRenewals) {
                failure_reason_.assign("expired_token");
                failed_by_ = FailedBy::Nobody;
                return step(Input::Unrecoverable);
            }
            abandon_request();
            timers.cancel(timer::kAuthPoll);
            timers.cancel(timer::kCodeExpiry);
            timers.cancel(timer::kAuthRetry);
            forget_code();
            enter(AuthState::RequestingCode);
            send(Request::DeviceCode);
            return AuthNotice::None;

        case Input::Denied:
        case Input::Unrecoverable:
            abandon_request();
            cancel_timers();
            forget_code();
            access_token_.wipe();
            retry_ = Request::None;
            // Only a poll's access_denied is a person's answer; read_response, the code
            // renewals and send() named the others with the reason.
            if (input == Input::Denied) failed_by_ = FailedBy::Person;
            if (failure_reason_.empty()) failure_reason_.assign(input == Input::Denied ? "access_denied" : "unrecoverable");
            tracer_.emit("auth", "failed", failure_reason_.view());
            enter(AuthState::Failed);
            return AuthNotice::Failed;

        case Input::TokensIssued:
            code_renewals_ = 0;
            timers.cancel(timer::kAuthPoll);
            timers.cancel(timer::kCodeExpiry);
            timers.cancel(timer::kAuthRetry);
            forget_code();
            enter(AuthState::Linked);
            arm_token_timers();
            return AuthNotice::TokensIssued;

        case Input::GrantInvalid:
            // The device lifecycle decides what follows (back to setup); nothing is sent.
            abandon_request();
            cancel_timers();
            refresh_token_.wipe();
            access_token_.wipe();
            retry_ = Request::None;
            enter(AuthState::Unlinked);
            return AuthNotice::GrantRevoked;

        case Input::RequestFailed:
            // A failed re-sync is not retried for its own sake: the request it was for is.
            if (last_sent_ == Request::TimeSync && resume_after_sync_ != Request::None) {
                last_sent_ = resume_after_sync_;
                resume_after_sync_ = Request::None;
            }
            schedule_retry();
            return AuthNotice::None;

        case Input::RetryDue: {
            const Request kind = retry_;
            retry_ = Request::None;
            // Only re-send what still makes sense in the current state.
            if (!wanted_now(kind)) return AuthNotice::None;
            if (clock_doubted_ && kind != Request::TimeSync) {
                // The certificate was refused at our clock, which may be the one that is wrong
                // (set from a lying or skewed Date, or drifted): ask the Date again first.
                clock_doubted_ = false;
                send(Request::TimeSync);
                resume_after_sync_ = kind;
                return AuthNotice::None;
            }
            send(kind);
            return AuthNotice::None;
        }

        case Input::RefreshDue:
            if (state_ == AuthState::Linked || state_ == AuthState::Expired) send(Request::Refresh);
            return AuthNotice::None;

        case Input::AccessRejected:
            if (state_ != AuthState::Linked && state_ != AuthState::Expired) return AuthNotice::None;
            if (in_flight_ == Request::Refresh) return AuthNotice::None;
            tracer_.emit("auth", "access_rejected", "refreshing now");
            access_token_.wipe();
            board_.timers.cancel(timer::kAuthRefresh);
            board_.timers.cancel(timer::kTokenExpiry);
            backoff_.reset();
            enter(AuthState::Expired);
            send(Request::Refresh);
            return AuthNotice::None;

        case Input::TokenLapsed:
            if (state_ != AuthState::Linked) return AuthNotice::None;
            access_token_.wipe();
            enter(AuthState::Expired);
            return AuthNotice::None;
    }
    return AuthNotice::None;
}

void AuthClient::enter(AuthState next) {
    if (next == state_) return;
    state_ = next;
    tracer_.emit("auth", "state", to_string(next));
}

AuthClient::Input AuthClient::read_response(Request kind, const hal::HttpResponse& response) {
    FixedString<48> error;
    const OAuthOutcome outcome = classify(response, error);

    FixedString<80> detail;
    if (response.error != hal::TransportError::None) {
        detail.append(transport_name(response.error));
    } else {
        detail.append_decimal(static_cast<std::uint64_t>(response.status < 0 ? 0 : response.status));
        if (!error.empty()) {
            detail.append(" ");
            detail.append(error.view());
        }
    }
    tracer_.emit("http", "response", detail.view());
    // Kept for failure_reason(): an OAuth error name is public, never a secret.
    if (outcome == OAuthOutcome::Unrecoverable || outcome == OAuthOutcome::AccessDenied) {
        if (!failure_reason_.assign(error.view())) failure_reason_.clear();
        failed_by_ = FailedBy::Service;  // a poll's access_denied becomes Person in step()
    }

    if (response.error == hal::TransportError::TlsFailed && board_.rtc.unix_seconds() < kBuiltAfterUnix)
        tracer_.emit("log", "error", "tls failed: the device clock is not set");
    if (response.error == hal::TransportError::TlsFailed && kind != Request::TimeSync) clock_doubted_ = true;

    switch (kind) {
        case Request::TimeSync:
            // Any HTTP answer will do (even a 404): only its Date header is wanted. A Date
            // before this firmware was built is no better than the clock we have.
            if (response.error != hal::TransportError::None || response.date_unix < kBuiltAfterUnix) {
                tracer_.emit("log", "warn", "clock sync: no usable Date header");
                return Input::RequestFailed;
            }
            board_.rtc.set_unix_seconds(response.date_unix);
            tracer_.emit("clock", "synced", "from Date header");
            return Input::ClockSynced;

        case Request::Metadata:
            if (outcome == OAuthOutcome::Ok)
                return take_answer(response, "metadata", &AuthClient::read_metadata) ? Input::MetadataReady
                                                                                     : Input::RequestFailed;
            return outcome == OAuthOutcome::Unrecoverable ? Input::Unrecoverable : Input::RequestFailed;

        case Request::DeviceCode:
            if (outcome == OAuthOutcome::Ok)
                return take_answer(response, "code answer", &AuthClient::read_code) ? Input::CodeIssued
                                                                                    : Input::RequestFailed;
            return outcome == OAuthOutcome::Unrecoverable ? Input::Unrecoverable : Input::RequestFailed;

        case Request::Poll:
            switch (outcome) {
                case OAuthOutcome::Ok:
                    return take_answer(response, "token answer", &AuthClient::read_tokens) ? Input::TokensIssued
                                                                                           : Input::RequestFailed;
                case OAuthOutcome::AuthorizationPending: return Input::Pending;
                case OAuthOutcome::SlowDown: return Input::SlowDown;
                case OAuthOutcome::ExpiredToken:
                case OAuthOutcome::InvalidGrant: return Input::CodeLapsed;
                case OAuthOutcome::AccessDenied: return Input::Denied;
                case OAuthOutcome::Unrecoverable: return Input::Unrecoverable;
                case OAuthOutcome::Transient: return Input::RequestFailed;
            }
            return Input::RequestFailed;

        case Request::Refresh:
            switch (outcome) {
                case OAuthOutcome::Ok:
                    return take_answer(response, "token answer", &AuthClient::read_tokens) ? Input::TokensIssued
                                                                                           : Input::RequestFailed;
                case OAuthOutcome::InvalidGrant:
                case OAuthOutcome::ExpiredToken: return Input::GrantInvalid;
                case OAuthOutcome::AccessDenied:
                case OAuthOutcome::Unrecoverable: return Input::Unrecoverable;
                case OAuthOutcome::AuthorizationPending:
                case OAuthOutcome::SlowDown:
                case OAuthOutcome::Transient: return Input::RequestFailed;
            }
            return Input::RequestFailed;

        case Request::Revoke:  // answered in on_http, never read here
        case Request::None: break;
    }
    return Input::RequestFailed;
}

bool AuthClient::take_answer(const hal::HttpResponse& response, std::string_view what,
                             bool (AuthClient::*read)(const JsonReader&, Reason&)) {
    Reason why;
    const JsonReader json(response.body);
    bool taken = false;
    if (response.body.empty()) {
        why.assign("empty body");
    } else if (!json.valid()) {
        why.assign("not a JSON object");
    } else {
        taken = (this->*read)(json, why);
    }
    if (taken) return true;
    FixedString<112> line;
    line.append_clipped(what);
    line.append_clipped(" refused: ");
    line.append_clipped(why.view());
    tracer_.emit("log", "warn", line.view());
    return false;
}

bool AuthClient::read_metadata(const JsonReader& json, Reason& why) {
    if (!check_text(json, "device_authorization_endpoint", device_authorization_endpoint_.capacity(), why) ||
        !check_text(json, "token_endpoint", token_endpoint_.capacity(), why))
        return false;
    // RFC 7009's endpoint is optional (RFC 8414 §2): without one a factory reset cannot
    // revoke, and says so; one that is unusable counts as none.
    Reason ignored;
    if (!check_text(json, "revocation_endpoint", revocation_endpoint_.capacity(), ignored) ||
        !json.get_string("revocation_endpoint", revocation_endpoint_))
        revocation_endpoint_.clear();
    return json.get_string("device_authorization_endpoint", device_authorization_endpoint_) &&
           json.get_string("token_endpoint", token_endpoint_);
}

bool AuthClient::read_code(const JsonReader& json, Reason& why) {
    if (!check_text(json, "device_code", device_code_.capacity(), why) ||
        !check_text(json, "user_code", user_code_.capacity(), why))
        return false;
    // Google's endpoint says verification_url; RFC 8628 says verification_uri.
    const std::string_view uri_key = json.type("verification_uri") == JsonType::Absent &&
                                             json.type("verification_url") != JsonType::Absent
                                         ? "verification_url"
                                         : "verification_uri";
    if (!check_text(json, uri_key, verification_uri_.capacity(), why)) return false;
    Millis lifetime{0};
    Millis interval{0};
    if (!read_seconds(json, "expires_in", kMinCodeLifetimeS, kMaxCodeLifetimeS, kDefaultCodeLifetime, lifetime, why) ||
        !read_seconds(json, "interval", kMinPollIntervalS, kMaxPollIntervalS, kDefaultPollInterval, interval, why))
        return false;
    if (!json.get_string("device_code", device_code_) || !json.get_string("user_code", user_code_) ||
        !json.get_string(uri_key, verification_uri_))
        return false;
    // Optional: one that is unusable is left out, the plain URI still works.
    if (!json.get_string("verification_uri_complete", verification_uri_complete_)) verification_uri_complete_.clear();
    code_lifetime_ = lifetime;
    interval_ = interval + slow_down_extra_;
    return true;
}

bool AuthClient::read_tokens(const JsonReader& json, Reason& why) {
    // Check everything before touching the tokens we hold, so a garbled answer to a refresh
    // leaves the current (maybe still valid) access token and the refresh token in place.
    if (!check_bearer(json, why)) return false;
    // expires_in is optional (RFC 6749 §5.1), but one that is there must be a number in
    // range: "soon", "3600" or -5 is a broken answer, not a missing value to default.
    Millis lifetime{0};
    if (!read_seconds(json, "expires_in", kMinAccessLifetimeS, kMaxAccessLifetimeS, kDefaultAccessLifetime, lifetime,
                      why))
        return false;
    if (!check_text(json, "access_token", access_token_.capacity(), why)) return false;
    const bool rotated = json.type("refresh_token") != JsonType::Absent;
    if (rotated && !check_text(json, "refresh_token", refresh_token_.capacity(), why)) return false;
    if (!json.get_string("access_token", access_token_)) return false;
    if (rotated && !json.get_string("refresh_token", refresh_token_)) return false;
    access_lifetime_ = lifetime;
    return true;
}

void AuthClient::arm_token_timers() {
    board_.timers.arm(timer::kAuthRefresh, refresh_delay(access_lifetime_, board_.random));
    board_.timers.arm(timer::kTokenExpiry, access_lifetime_);
}

bool AuthClient::build(Request kind, hal::HttpRequest& request) {
    FormWriter form(scratch_.data(), scratch_.size());
    request = hal::HttpRequest{};
    const bool grant_request = kind == Request::DeviceCode || kind == Request::Poll || kind == Request::Refresh;
    if (config_.dialect == AuthDialect::Lwa && grant_request) {
        // The Login with Amazon dialect's bodies (firmware/auth/lwa_requests.hpp).
        const bool built = kind == Request::DeviceCode ? add_lwa_code_pair_form(form, config_)
                           : kind == Request::Poll     ? add_lwa_poll_form(form, device_code_.view(), user_code_.view())
                                                       : add_lwa_refresh_form(form, refresh_token_.view(), config_);
        request.url = kind == Request::DeviceCode ? device_authorization_endpoint_.view() : token_endpoint_.view();
        request.method = hal::HttpMethod::Post;
        request.content_type = kFormContentType;
        request.body = form.view();
        return built && form.ok();
    }
    switch (kind) {
        case Request::Metadata:
            if (!metadata_url(config_.issuer, url_)) return false;
            request.method = hal::HttpMethod::Get;
            request.url = url_.view();
            return true;
        case Request::TimeSync: {
            // http://<issuer's authority>/ : no TLS, so it works with the clock at 1970.
            std::string_view origin;
            std::string_view path;
            split_origin(config_.issuer, origin, path);
            const auto scheme_end = origin.find("://");
            if (scheme_end == std::string_view::npos) return false;
            url_.clear();
            if (!url_.append("http://") || !url_.append(origin.substr(scheme_end + 3)) || !url_.append("/")) return false;
            request.method = hal::HttpMethod::Get;
            request.url = url_.view();
            return true;
        }
        case Request::DeviceCode:
            form.add("client_id", config_.client_id);
            form.add("scope", config_.scope);
            // Without a serial the parameter is left out: an empty one means "omitted" anyway.
            if (!config_.serial_number.empty()) form.add(kDeviceSerialParameter, config_.serial_number);
            request.url = device_authorization_endpoint_.view();
            break;
        case Request::Poll:
            form.add("grant_type", kDeviceCodeGrant);
            form.add("device_code", device_code_.view());
            form.add("client_id", config_.client_id);
            request.url = token_endpoint_.view();
            break;
        case Request::Refresh:
            form.add("grant_type", "refresh_token");
            form.add("refresh_token", refresh_token_.view());
            form.add("client_id", config_.client_id);
            request.url = token_endpoint_.view();
            break;
        case Request::Revoke:  // built by revoke_for_reset()
        case Request::None: return false;
    }
    request.method = hal::HttpMethod::Post;
    request.content_type = kFormContentType;
    request.body = form.view();
    return form.ok();
}

void AuthClient::send(Request kind) {
    abandon_request();
    board_.timers.cancel(timer::kAuthRetry);
    // Retry-After speaks for the endpoint that answered whichever flow asks next (RFC 9110
    // §10.2.3): a new code's first poll, a code asked again once Wi-Fi is back, wait it out too.
    const Millis now = board_.clock.now();
    if (const Millis* hold = held_until(kind); hold && now < *hold) {
        retry_ = kind;
        board_.timers.arm(timer::kAuthRetry, *hold - now);
        return;
    }
    last_sent_ = kind;

    hal::HttpRequest request;
    if (!build(kind, request)) {
        // Only a configuration that cannot fit our buffers gets here: retrying cannot help.
        tracer_.emit("log", "error", "auth request does not fit its buffer");
        failure_reason_.assign("request_too_large");
        failed_by_ = FailedBy::Speaker;
        deferred_ = step(Input::Unrecoverable);
        return;
    }
    request_id_ = next_request_id();

    FixedString<160> detail;
    detail.append(request.method == hal::HttpMethod::Get ? "GET " : "POST ");
    detail.append_clipped(url_path(request.url));
    if (kind == Request::Poll) detail.append_clipped(" device_code");
    if (kind == Request::Refresh) detail.append_clipped(" refresh_token");
    tracer_.emit("http", "request", detail.view());

    const bool sent = board_.http.send(request_id_, request);
    scratch_.wipe();  // the form held a refresh token or a device code
    if (!sent) {
        tracer_.emit("http", "response", "not_sent");
        retry_after_s_ = 0;
        schedule_retry();
        return;
    }
    in_flight_ = kind;
    board_.timers.arm(timer::kHttpTimeout, kRequestTimeout);
}

hal::RequestId AuthClient::next_request_id() {
    if (!ids_seeded_) {
        // A random first id keeps a response that outlived a reboot from matching by accident.
        next_id_ = request_ids::kAuth.pick(board_.random.next_u32());
        ids_seeded_ = true;
    }
    next_id_ = request_ids::kAuth.after(next_id_);
    return next_id_;
}

void AuthClient::abandon_request() {
    if (in_flight_ == Request::None) return;
    board_.http.cancel(request_id_);
    board_.timers.cancel(timer::kHttpTimeout);
    in_flight_ = Request::None;
}

bool AuthClient::wanted_now(Request kind) const {
    return (kind == Request::Metadata && state_ == AuthState::Discovering) ||
           (kind == Request::TimeSync && state_ == AuthState::Discovering) ||
           (kind == Request::DeviceCode && state_ == AuthState::RequestingCode) ||
           (kind == Request::Poll && state_ == AuthState::AwaitingApproval) ||
           (kind == Request::Refresh &&
            (state_ == AuthState::Discovering || state_ == AuthState::Linked || state_ == AuthState::Expired));
}

void AuthClient::schedule_retry() {
    Millis delay = backoff_.next(board_.random);
    // A poll never comes faster than the interval the server asked for (RFC 8628 §3.5).
    if (last_sent_ == Request::Poll) delay = std::max(delay, interval_);
    delay = std::max(delay, Millis{static_cast<std::int64_t>(retry_after_s_) * 1000});
    retry_ = last_sent_;
    board_.timers.arm(timer::kAuthRetry, delay);
}

hal::Millis* AuthClient::held_until(Request kind) {
    switch (kind) {
        case Request::Metadata: return &not_before_[0];
        case Request::DeviceCode: return &not_before_[1];
        case Request::Poll:
        case Request::Refresh: return &not_before_[2];
        default: return nullptr;  // a clock sync or a revocation is never held back
    }
}

void AuthClient::forget_code() {
    device_code_.wipe();
    user_code_.clear();
    verification_uri_.clear();
    verification_uri_complete_.clear();
}

void AuthClient::cancel_timers() {
    for (hal::TimerId id : kAuthTimers) board_.timers.cancel(id);
}

} // namespace ringside::fw
