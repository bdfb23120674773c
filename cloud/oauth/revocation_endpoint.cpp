#include "cloud/service/endpoints.hpp"

namespace ringside::cloud {

// RFC 7009 §2. token_type_hint is accepted and ignored: the server can tell its token
// kinds apart by lookup, which §2.1 explicitly allows.
Outcome serve_revocation(ServiceState& state, const CloudRequest& request, Millis) {
    FormFields fields;
    if (auto rejection = read_form_post(request, fields, {"token", "token_type_hint", "client_id"})) {
        return *rejection;
    }
    const auto token = fields.get("token");
    if (!token) return oauth_error(400, "invalid_request", "token is missing");
    if (auto rejection = check_client(state, request, fields)) return *rejection;

    if (state.tokens.revoke(*token, *fields.get("client_id")) == RevokeVerdict::WrongClient) {
        return oauth_error(400, "invalid_grant", "the token was issued to another client");
    }
    return json_success("{}", true);
}

} // namespace ringside::cloud
