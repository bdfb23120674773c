#pragma once
// Login with Amazon's code-based linking (DESIGN.md §1), the cloud's second dialect:
//   POST /auth/O2/create/codepair  response_type=device_code, client_id, scope=alexa:all,
//        scope_data={"alexa:all":{"productID":..,"productInstanceAttributes":
//                    {"deviceSerialNumber":..}}}
//        -> user_code, device_code, verification_uri, expires_in, interval
//   POST /auth/O2/token  grant_type=device_code, device_code, user_code (no client_id: the
//        code pair names its client) | grant_type=refresh_token, refresh_token, client_id
// Tokens are "Atza|..." / "Atzr|..." (set up in ServiceState). LWA's errors besides
// RFC 6749's: InvalidValue (a bad serial number or product id in scope_data),
// unauthorized_client (a refresh token issued to another client), invalid_request (a
// web-type client refreshing). Who may call: CloudService::handle's router.
#include "cloud/service/endpoints.hpp"

namespace ringside::cloud {

inline constexpr std::string_view kLwaScope = "alexa:all";

bool is_lwa_path(std::string_view path);
Outcome serve_lwa_code_pair(ServiceState& state, const CloudRequest& request, Millis now);
Outcome serve_lwa_token(ServiceState& state, const CloudRequest& request, Millis now);

// A serial number LWA accepts: 1 to 64 of A-Z a-z 0-9 and "-_." (valid_serial_number).
bool valid_lwa_serial(std::string_view serial);

} // namespace ringside::cloud
