#pragma once
// SHA-1 (RFC 3174) and HMAC-SHA1 (RFC 2104), for the mock cloud's TOTP check (RFC 6238)
// and the user actor's authenticator. Test vectors: tests/cloud/test_totp.cpp.
// SHA-1 is broken for collision resistance but is what RFC 6238 authenticators use; it is
// never used here for anything else. Pure functions; anyone may call.
#include <array>
#include <cstdint>
#include <string_view>

namespace ringside::cloud {

using Sha1Digest = std::array<std::uint8_t, 20>;

Sha1Digest sha1(std::string_view message);
// HMAC-SHA1 over `message` with `key` of any length (longer than 64 bytes is hashed first).
Sha1Digest hmac_sha1(std::string_view key, std::string_view message);

} // namespace ringside::cloud
