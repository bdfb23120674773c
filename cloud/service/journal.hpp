#pragma once
// How the journal (and fault matching, which uses the same names) classifies a request.
#include <string>
#include <string_view>

namespace ringside::cloud {

// "metadata", "device_authorization", "token", "revoke", "verification" (the human page
// at /device), or "other".
std::string endpoint_for_path(std::string_view path);

// "device_code" for RFC 8628's URN, anything else as sent ("refresh_token", ...), so
// journals and fault filters stay short and readable.
std::string short_grant_type(std::string_view grant_type);

inline constexpr std::string_view kDeviceCodeGrantType = "urn:ietf:params:oauth:grant-type:device_code";

} // namespace ringside::cloud
