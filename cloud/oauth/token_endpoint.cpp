#include "cloud/service/endpoints.hpp"
#include "cloud/service/journal.hpp"
#include "cloud/service/json_writer.hpp"

namespace ringside::cloud {
namespace {

// RFC 6749 §5.1.
Outcome token_success(const ServiceState& state, const IssuedTokens& tokens) {
    return json_success(JsonObjectWriter()
                            .string("access_token", tokens.access_token)
                            .string("token_type", "Bearer")
                            .number("expires_in", seconds_down(state.config.access_token_lifetime))
                            .string("refresh_token", tokens.refresh_token)
                            .string("scope", tokens.scope)
                            .finish(),
                        true);
}

// RFC 8628 §3.4, §3.5.
Outcome redeem_device_code(ServiceState& state, const FormFields& fields, Millis now) {
    const auto device_code = fields.get("device_code");
    if (!device_code) return oauth_error(400, "invalid_request", "device_code is missing");
    const std::string client_id = *fields.get("client_id");

    const PollResult poll = state.device_codes.poll(*device_code, client_id, now);
    switch (poll.verdict) {
    case PollVerdict::InvalidGrant:
        return oauth_error(400, "invalid_grant",
                           "the device code is unknown, already used, or issued to another client");
    case PollVerdict::ExpiredToken:
        return oauth_error(400, "expired_token", "the device code has expired; request a new one");
    case PollVerdict::AccessDenied:
        return oauth_error(400, "access_denied", "the user denied the authorization request");
    case PollVerdict::AuthorizationPending:
        return oauth_error(400, "authorization_pending", "the user has not yet approved the request");
    case PollVerdict::SlowDown:
        return oauth_error(400, "slow_down",
                           "polled too soon; wait " + std::to_string(seconds_up(poll.authorization->interval)) +
                               " s between polls from now on");
    case PollVerdict::Approved:
        break;
    }
    const DeviceAuthorization& authorization = *poll.authorization;
    const IssuedTokens tokens =
        state.tokens.issue(authorization.account_id, client_id, authorization.scope,
                           authorization.device.serial_number, now,
                           state.config.access_token_lifetime, state.codes);
    return token_success(state, tokens);
}

// RFC 6749 §6.
Outcome redeem_refresh_token(ServiceState& state, const FormFields& fields, Millis now) {
    const auto refresh_token = fields.get("refresh_token");
    if (!refresh_token) return oauth_error(400, "invalid_request", "refresh_token is missing");

    const RefreshResult result =
        state.tokens.refresh(*refresh_token, *fields.get("client_id"), fields.get("scope"), now,
                             state.config.access_token_lifetime, state.codes);
    switch (result.verdict) {
    case RefreshVerdict::InvalidGrant:
        return oauth_error(400, "invalid_grant",
                           "the refresh token is unknown, already used, revoked, or issued to another client");
    case RefreshVerdict::InvalidScope:
        return oauth_error(400, "invalid_scope", "the requested scope exceeds the granted scope");
    case RefreshVerdict::Issued:
        break;
    }
    return token_success(state, result.tokens);
}

} // namespace

Outcome serve_token(ServiceState& state, const CloudRequest& request, Millis now) {
    FormFields fields;
    if (auto rejection = read_form_post(
            request, fields, {"grant_type", "client_id", "device_code", "refresh_token", "scope"})) {
        return *rejection;
    }
    const auto grant_type = fields.get("grant_type");
    if (!grant_type) return oauth_error(400, "invalid_request", "grant_type is missing");
    if (auto rejection = check_client(state, request, fields)) return *rejection;
    if (auto rejection = check_scope(state, fields)) return *rejection;

    if (*grant_type == kDeviceCodeGrantType) return redeem_device_code(state, fields, now);
    if (*grant_type == "refresh_token") return redeem_refresh_token(state, fields, now);
    return oauth_error(400, "unsupported_grant_type", "this server supports the device_code and refresh_token grants");
}

} // namespace ringside::cloud
