#include "cloud/service/cloud_service.hpp"

#include "cloud/service/endpoints.hpp"
#include "cloud/service/http_date.hpp"
#include "cloud/service/journal.hpp"
#include "cloud/oauth/lwa_endpoints.hpp"
#include "cloud/service/service_state.hpp"
#include "cloud/oauth/user_code.hpp"
#include "cloud/voice/voice_endpoint.hpp"

namespace ringside::cloud {
namespace {

// The journal's view of a request, filled before anything can fail so that even a
// rejected or faulted request is recorded with what it asked for.
JournalEntry describe(const CloudRequest& request, Millis now) {
    JournalEntry entry;
    entry.at = now;
    entry.method = request.method;
    entry.path = request.path;
    entry.endpoint = endpoint_for_path(request.path);
    if (request.method == "POST" && is_form_content_type(request.content_type)) {
        if (const auto fields = parse_form(request.body)) {
            if (entry.endpoint == "token") {
                entry.grant_type = short_grant_type(fields->get("grant_type").value_or(""));
            }
            entry.client_id = fields->get("client_id").value_or("");
        }
    }
    return entry;
}

void stamp_date(CloudResponse& response, std::int64_t calendar_start_unix, Millis at) {
    const std::int64_t ms = calendar_start_unix * 1000 + at.count();
    const std::int64_t seconds = ms / 1000 - (ms % 1000 < 0 ? 1 : 0);  // floor: an instant before 1970 too
    response.headers.emplace_back("Date", format_http_date(seconds));
}

Outcome route(ServiceState& state, const CloudRequest& request, const std::string& endpoint, Millis now) {
    // Each cloud speaks one dialect: the other dialect's paths (and, for LWA, the RFC 8414
    // metadata) are not there.
    if (is_lwa_path(request.path) != (state.config.dialect == Dialect::Lwa) &&
        (endpoint == "device_authorization" || endpoint == "token" || endpoint == "metadata"))
        return oauth_error(404, "not_found", "no such endpoint on this cloud's dialect");
    if (endpoint == "metadata") return serve_metadata(state, request);
    if (endpoint == "device_authorization" && state.config.dialect == Dialect::Lwa)
        return serve_lwa_code_pair(state, request, now);
    if (endpoint == "token" && state.config.dialect == Dialect::Lwa) return serve_lwa_token(state, request, now);
    if (endpoint == "device_authorization") return serve_device_authorization(state, request, now);
    if (endpoint == "token") return serve_token(state, request, now);
    if (endpoint == "revoke") return serve_revocation(state, request, now);
    if (endpoint == "verification") return serve_verification_page(state, request, now);
    if (endpoint == "settings") return serve_settings(state, request, now);
    return oauth_error(404, "not_found", "no such endpoint");
}

} // namespace

struct CloudService::State : ServiceState {
    using ServiceState::ServiceState;
    VoiceWorld voice;
};

CloudService::CloudService(CloudConfig config) : state_(std::make_unique<State>(std::move(config))) {}

CloudService::~CloudService() = default;

CloudResponse CloudService::handle(const CloudRequest& request, Millis now) {
    JournalEntry entry = describe(request, now);
    Outcome outcome;
    Interception fault = state_->faults.intercept({entry.endpoint, entry.grant_type, entry.client_id, now});
    if (fault.answer) {
        outcome = std::move(*fault.answer);
    } else if (entry.endpoint == "voice") {
        outcome = serve_voice(*state_, state_->voice, request, now);
    } else {
        outcome = route(*state_, request, entry.endpoint, now);
    }
    shape(fault, outcome);
    // RFC 9110 §6.6.1: a server with a clock sends Date; a skew fault makes it lie.
    stamp_date(outcome.response, state_->config.calendar_start_unix, now + fault.date_skew);
    entry.faulted = fault.fired;
    entry.delay = outcome.response.delay;
    entry.status = outcome.response.status;
    entry.error = outcome.error;
    state_->journal.append(std::move(entry));
    return std::move(outcome.response);
}

ApprovalResult CloudService::approve(std::string_view user_code, std::string_view account_id, Millis now) {
    const Account* account = state_->find_account(account_id);
    if (!account) return ApprovalResult::UnknownAccount;
    return state_->approve(*account, user_code, now);
}

ApprovalResult CloudService::approve_after_polls(std::string_view user_code, std::string_view account_id, int polls,
                                                Millis now) {
    const Account* account = state_->find_account(account_id);
    if (!account) return ApprovalResult::UnknownAccount;
    return state_->device_codes.approve_after_polls(user_code, account->id, polls, now);
}

ApprovalResult CloudService::deny(std::string_view user_code, Millis now) {
    return state_->device_codes.deny(user_code, now);
}

std::vector<std::string> CloudService::pending_user_codes(Millis now) const {
    std::vector<std::string> shown;
    for (const std::string& code : state_->device_codes.pending_user_codes(now)) {
        shown.push_back(display_user_code(code));
    }
    return shown;
}

bool CloudService::access_token_valid(std::string_view token, Millis now) const {
    return state_->tokens.access_token_valid(token, now);
}

std::optional<std::string> CloudService::access_token_account(std::string_view token, Millis now) const {
    return state_->tokens.access_token_account(token, now);
}

std::optional<std::string> CloudService::refresh_token_account(std::string_view token) const {
    return state_->tokens.refresh_token_account(token);
}

int CloudService::revoke_account(std::string_view account_id, std::string_view device_serial) {
    const Account* account = state_->find_account(account_id);
    return account ? state_->tokens.revoke_account(account->id, device_serial) : 0;
}

void CloudService::add_fault(Fault fault) { state_->faults.add(std::move(fault)); }

const std::vector<JournalEntry>& CloudService::journal() const { return state_->journal.in_order(); }

const RequestJournal& CloudService::requests() const { return state_->journal; }

const CloudConfig& CloudService::config() const { return state_->config; }

const char* to_string(Dialect d) { return d == Dialect::Lwa ? "lwa" : "rfc8628"; }
VoiceWorld& CloudService::voice_world() { return state_->voice; }

AccountVoiceState CloudService::voice_state(const std::string& account_id) const {
    const AccountVoiceState* s = state_->voice.find(account_id);
    return s ? *s : AccountVoiceState{};
}

int CloudService::delete_recordings(const std::string& account_id) {
    return state_->voice.delete_recordings(account_id);
}

const char* to_string(ApprovalResult r) {
    switch (r) {
    case ApprovalResult::Approved: return "approved";
    case ApprovalResult::Denied: return "denied";
    case ApprovalResult::UnknownCode: return "unknown_code";
    case ApprovalResult::ExpiredCode: return "expired_code";
    case ApprovalResult::UnknownAccount: return "unknown_account";
    case ApprovalResult::AlreadyUsed: return "already_used";
    case ApprovalResult::Scheduled: return "scheduled";
    case ApprovalResult::Restricted: return "restricted";
    }
    return "unknown";
}

bool CloudService::set_restricted(std::string_view account_id, bool restricted) {
    Account* account = state_->find_account(account_id);
    if (!account) return false;
    account->restricted = restricted;
    return true;
}

bool CloudService::set_voice_code(std::string_view account_id, std::string voice_code) {
    Account* account = state_->find_account(account_id);
    if (!account || !valid_voice_code_setting(voice_code)) return false;
    account->voice.voice_code = std::move(voice_code);
    state_->voice.voice_code_changed(account->id);
    return true;
}

bool CloudService::add_account(Account account) {
    if (account.email.empty()) account.email = account.id + "@example.com";
    if (state_->find_account(account.id) || state_->find_account(account.email)) return false;
    state_->config.accounts.push_back(std::move(account));
    return true;
}

} // namespace ringside::cloud
