#pragma once
// Login with Amazon code-based linking (the Alexa device SDK's CBL client): the request
// bodies and endpoint URLs of the LWA dialect. No metadata: the paths are fixed relative to
// the issuer. Answers (code pair, tokens, errors) have RFC 6749/8628 field names and are
// read by the auth client's common readers; "InvalidValue" is classified unrecoverable in
// oauth_errors.cpp. Fixed buffers only. Who may call: the auth client.
#include <cstddef>
#include <string_view>

#include "firmware/core/device_config.hpp"
#include "firmware/core/fixed_string.hpp"
#include "firmware/core/form_writer.hpp"

namespace ringside::fw {

inline constexpr std::string_view kLwaCodePairPath = "/auth/O2/create/codepair";
inline constexpr std::string_view kLwaTokenPath = "/auth/O2/token";
inline constexpr std::string_view kLwaScope = "alexa:all";

// issuer + path (a trailing '/' on the issuer is not doubled). False when it does not fit.
bool lwa_url(std::string_view issuer, std::string_view path, FixedString<256>& out);

// {"alexa:all":{"productID":"..","productInstanceAttributes":{"deviceSerialNumber":".."}}}
// with both values JSON-escaped (quotes, backslashes, control characters). False when it
// does not fit in `out`.
bool lwa_scope_data(std::string_view product_id, std::string_view serial_number, FixedString<384>& out);

// POST /auth/O2/create/codepair: response_type=device_code, client_id, scope, scope_data.
bool add_lwa_code_pair_form(FormWriter& form, const DeviceConfig& config);
// POST /auth/O2/token: grant_type=device_code, device_code, user_code (as shown).
bool add_lwa_poll_form(FormWriter& form, std::string_view device_code, std::string_view user_code);
// POST /auth/O2/token: grant_type=refresh_token, refresh_token, client_id.
bool add_lwa_refresh_form(FormWriter& form, std::string_view refresh_token, const DeviceConfig& config);

} // namespace ringside::fw
