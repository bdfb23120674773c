#pragma once
// Who is calling the token and device endpoints (RFC 6749 §2.3): a public client names
// itself with client_id in the body; a client may instead authenticate with HTTP Basic
// (§2.3.1: base64 of form-encoded "client_id:client_secret"), and a confidential client (one
// configured with a secret) must prove it, by Basic or by client_secret in the body.
// A failed attempt is 401 invalid_client with WWW-Authenticate (§5.2), never ignored.
// Who may call: the OAuth endpoints, through check_client (endpoints.hpp).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ringside::cloud {

// The realm every WWW-Authenticate challenge of the cloud names.
inline constexpr std::string_view kAuthRealm = "ringside";

struct BasicCredentials {
    std::string client_id;
    std::string secret;
};

// True when the Authorization header uses the Basic scheme (case-insensitive, RFC 9110 §11.1).
bool uses_basic(std::string_view authorization);
// The credentials of a Basic header; nullopt when it is not base64 of "id:secret" with both
// parts form-encoded (a malformed attempt is a failed one).
std::optional<BasicCredentials> parse_basic(std::string_view authorization);

// Scopes (space-separated, RFC 6749 §3.3) in `requested` that are not among `allowed`,
// space-separated; empty when all are allowed.
std::string scopes_not_allowed(std::string_view requested, const std::vector<std::string>& allowed);

} // namespace ringside::cloud
