#include "firmware/auth/oauth_errors.hpp"

#include "firmware/core/json_reader.hpp"

namespace ringside::fw {
namespace {

// Error codes come from the server and end up in traces, so only harmless tokens pass.
bool is_plain_token(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                        c == '.' || c == '-';
        if (!ok) return false;
    }
    return true;
}

OAuthOutcome from_error_code(std::string_view code) {
    if (code == "authorization_pending") return OAuthOutcome::AuthorizationPending;
    if (code == "slow_down") return OAuthOutcome::SlowDown;
    if (code == "expired_token") return OAuthOutcome::ExpiredToken;
    if (code == "access_denied") return OAuthOutcome::AccessDenied;
    if (code == "invalid_grant") return OAuthOutcome::InvalidGrant;
    // The Alexa SDK's unrecoverable list; InvalidValue is LWA's answer to a bad scope_data.
    if (code == "unauthorized_client" || code == "invalid_client" || code == "invalid_request" ||
        code == "unsupported_grant_type" || code == "InvalidValue" || code == "invalid_scope")
        return OAuthOutcome::Unrecoverable;
    return OAuthOutcome::Transient;
}

} // namespace

OAuthOutcome classify(const hal::HttpResponse& response, FixedString<48>& error) {
    error.clear();
    if (response.error != hal::TransportError::None) return OAuthOutcome::Transient;
    const int status = response.status;
    if (status >= 200 && status < 300) return OAuthOutcome::Ok;
    if (status == 429 || status >= 500) return OAuthOutcome::Transient;
    if (status < 400) return OAuthOutcome::Transient;  // 1xx/3xx: not an OAuth answer at all
    const JsonReader json(response.body);
    FixedString<48> code;
    if (!json.get_string("error", code) || !is_plain_token(code.view())) return OAuthOutcome::Transient;
    error = code;
    return from_error_code(code.view());
}

} // namespace ringside::fw
