#pragma once
// The mock cloud's HTTP paths (DESIGN.md §3), relative to the issuer.
#include <string_view>

namespace ringside::cloud::paths {

inline constexpr std::string_view kMetadata = "/.well-known/oauth-authorization-server";
inline constexpr std::string_view kDeviceAuthorization = "/oauth2/device_authorization";
inline constexpr std::string_view kToken = "/oauth2/token";
inline constexpr std::string_view kRevoke = "/oauth2/revoke";
inline constexpr std::string_view kVerification = "/device";
// Login with Amazon's code-based linking dialect.
inline constexpr std::string_view kLwaCodePair = "/auth/O2/create/codepair";
inline constexpr std::string_view kLwaToken = "/auth/O2/token";
inline constexpr std::string_view kVoice = "/v1/voice";  // cloud/voice/voice_endpoint.hpp
inline constexpr std::string_view kSettings = "/v1/settings";  // speaker settings (bearer)

} // namespace ringside::cloud::paths
