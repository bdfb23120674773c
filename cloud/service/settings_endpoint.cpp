#include "cloud/service/endpoints.hpp"
#include "cloud/service/json_writer.hpp"

namespace ringside::cloud {

// POST /v1/settings: the speaker's settings and preferences for the account it acts for.
// The access token travels as an RFC 6750 §2.2 form-encoded body parameter, which needs no
// Authorization header in the transport. A missing, expired or revoked token answers 401
// invalid_token (RFC 6750 §3.1). The values are the account's defaults: the mock has no
// settings editor yet.
Outcome serve_settings(ServiceState& state, const CloudRequest& request, Millis now) {
    FormFields fields;
    if (auto rejection = read_form_post(request, fields, {"access_token"})) return *rejection;
    const auto token = fields.get("access_token");
    if (!token) return oauth_error(401, "invalid_token", "access_token is missing");
    const auto account = state.tokens.access_token_account(*token, now);
    if (!account) return oauth_error(401, "invalid_token", "the access token is expired, revoked or unknown");
    JsonObjectWriter json;
    json.string("device_name", *account + "'s speaker")
        .string("locale", "en-US")
        .string("time_zone", "Europe/Berlin")
        .string("wake_word", "ringside")
        .number("volume", 5);
    return json_success(json.finish(), true);
}

} // namespace ringside::cloud
