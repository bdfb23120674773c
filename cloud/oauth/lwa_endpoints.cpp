#include "cloud/oauth/lwa_endpoints.hpp"

#include <nlohmann/json.hpp>

#include "cloud/service/endpoint_paths.hpp"
#include "cloud/service/json_writer.hpp"
#include "cloud/oauth/user_code.hpp"

namespace ringside::cloud {
namespace {

// A non-empty string member of `object` of at most `max_length` bytes, or nullopt.
std::optional<std::string> short_string(const nlohmann::json& object, const char* key, std::size_t max_length) {
    if (!object.is_object()) return std::nullopt;
    const auto member = object.find(key);
    if (member == object.end() || !member->is_string()) return std::nullopt;
    const auto& text = member->get_ref<const std::string&>();
    if (text.empty() || text.size() > max_length) return std::nullopt;
    return text;
}

// scope_data is JSON inside a form field; the product and serial sit under the scope's name.
// On success fills `device` with them, for the verification page. Parsed with the cloud's
// own JSON library, never the device's reader: the cloud is the oracle the device is held to.
std::optional<Outcome> check_scope_data(const std::string& scope_data, DeviceIdentity& device) {
    const nlohmann::json outer = nlohmann::json::parse(scope_data, nullptr, /*allow_exceptions=*/false);
    if (outer.is_discarded() || !outer.is_object())
        return oauth_error(400, "invalid_request", "scope_data is not a JSON object");
    const auto inner = outer.find(std::string(kLwaScope));
    if (inner == outer.end()) return oauth_error(400, "invalid_request", "scope_data has no alexa:all member");
    // The product id is shown on the verification page: a short name, as LWA's are.
    const auto product = short_string(*inner, "productID", 128);
    if (!product) return oauth_error(400, "InvalidValue", "The productID is not valid");
    const auto attributes = inner->find("productInstanceAttributes");
    const auto serial = attributes == inner->end() ? std::nullopt : short_string(*attributes, "deviceSerialNumber", 64);
    if (!serial || !valid_lwa_serial(*serial)) return oauth_error(400, "InvalidValue", "The Serial Number is not valid");
    device.serial_number = *serial;
    device.product_id = *product;
    return std::nullopt;
}

Outcome lwa_tokens(const ServiceState& state, const IssuedTokens& tokens) {
    return json_success(JsonObjectWriter()
                            .string("access_token", tokens.access_token)
                            .string("refresh_token", tokens.refresh_token)
                            .string("token_type", "bearer")
                            .number("expires_in", seconds_down(state.config.access_token_lifetime))
                            .finish(),
                        true);
}

Outcome redeem_code_pair(ServiceState& state, const FormFields& fields, Millis now) {
    const auto device_code = fields.get("device_code");
    const auto user_code = fields.get("user_code");
    if (!device_code || !user_code) return oauth_error(400, "invalid_request", "device_code and user_code are required");
    // The pair must belong together; the code pair also names the client.
    const DeviceAuthorization* pair = state.device_codes.find_by_user_code(*user_code);
    if (!pair || pair->device_code != *device_code)
        return oauth_error(400, "invalid_grant", "the code pair is unknown or already used");
    const std::string client_id = pair->client_id;
    const PollResult poll = state.device_codes.poll(*device_code, client_id, now);
    switch (poll.verdict) {
    case PollVerdict::InvalidGrant: return oauth_error(400, "invalid_grant", "the code pair is unknown or already used");
    case PollVerdict::ExpiredToken: return oauth_error(400, "expired_token", "the code pair has expired");
    case PollVerdict::AccessDenied: return oauth_error(400, "access_denied", "the user denied the request");
    case PollVerdict::AuthorizationPending:
        return oauth_error(400, "authorization_pending", "the user has not yet approved the request");
    case PollVerdict::SlowDown: return oauth_error(400, "slow_down", "polled too soon");
    case PollVerdict::Approved: break;
    }
    const DeviceAuthorization& approved = *poll.authorization;
    const IssuedTokens tokens = state.tokens.issue(approved.account_id, client_id, approved.scope,
                                                   approved.device.serial_number, now,
                                                   state.config.access_token_lifetime, state.codes);
    return lwa_tokens(state, tokens);
}

Outcome redeem_refresh(ServiceState& state, const CloudRequest& request, FormFields& fields, Millis now) {
    const auto refresh_token = fields.get("refresh_token");
    if (!refresh_token) return oauth_error(400, "invalid_request", "refresh_token is missing");
    if (auto rejection = check_client(state, request, fields)) return *rejection;
    const std::string client_id = *fields.get("client_id");
    if (state.find_client(client_id)->web)
        return oauth_error(400, "invalid_request", "a web client id cannot refresh a device's tokens");
    const auto issued_to = state.tokens.refresh_token_client(*refresh_token);
    if (issued_to && *issued_to != client_id)
        return oauth_error(400, "unauthorized_client", "the refresh token was issued to another client");
    const RefreshResult result = state.tokens.refresh(*refresh_token, client_id, std::nullopt, now,
                                                      state.config.access_token_lifetime, state.codes);
    if (result.verdict != RefreshVerdict::Issued)
        return oauth_error(400, "invalid_grant", "the refresh token is unknown, used or revoked");
    return lwa_tokens(state, result.tokens);
}

} // namespace

bool is_lwa_path(std::string_view path) { return path == paths::kLwaCodePair || path == paths::kLwaToken; }

bool valid_lwa_serial(std::string_view serial) { return valid_serial_number(serial); }

Outcome serve_lwa_code_pair(ServiceState& state, const CloudRequest& request, Millis now) {
    FormFields fields;
    if (auto rejection = read_form_post(request, fields, {"response_type", "client_id", "scope", "scope_data"}))
        return *rejection;
    if (fields.get("response_type").value_or("") != "device_code")
        return oauth_error(400, "unsupported_response_type", "response_type must be device_code");
    if (auto rejection = check_client(state, request, fields)) return *rejection;
    if (fields.get("scope").value_or("") != kLwaScope) return oauth_error(400, "invalid_scope", "scope must be alexa:all");
    const auto scope_data = fields.get("scope_data");
    if (!scope_data) return oauth_error(400, "invalid_request", "scope_data is missing");
    DeviceIdentity device;
    if (auto rejection = check_scope_data(*scope_data, device)) return *rejection;

    const CloudConfig& config = state.config;
    const DeviceAuthorization& pair =
        state.device_codes.issue(*fields.get("client_id"), std::string(kLwaScope), std::move(device), now,
                                 config.device_code_lifetime, config.poll_interval, state.codes);
    return json_success(JsonObjectWriter()
                            .string("user_code", display_user_code(pair.user_code))
                            .string("device_code", pair.device_code)
                            .string("verification_uri", issuer_url(config, paths::kVerification))
                            .number("expires_in", seconds_down(config.device_code_lifetime))
                            .number("interval", seconds_up(config.poll_interval))
                            .finish(),
                        true);
}

Outcome serve_lwa_token(ServiceState& state, const CloudRequest& request, Millis now) {
    FormFields fields;
    if (auto rejection = read_form_post(request, fields,
                                        {"grant_type", "client_id", "device_code", "user_code", "refresh_token"}))
        return *rejection;
    const std::string grant_type = fields.get("grant_type").value_or("");
    if (grant_type == "device_code") return redeem_code_pair(state, fields, now);
    if (grant_type == "refresh_token") return redeem_refresh(state, request, fields, now);
    if (grant_type.empty()) return oauth_error(400, "invalid_request", "grant_type is missing");
    return oauth_error(400, "unsupported_grant_type", "grant_type must be device_code or refresh_token");
}

} // namespace ringside::cloud
