#pragma once
// Factory-programmed identity and where to sign in. The views must outlive the Speaker
// (on a board: string literals or a read-only config block).
#include <string_view>

namespace ringside::fw {

// The sign-in protocol the device speaks: RFC 8628 with endpoints discovered by RFC 8414, or
// Login with Amazon's code-based linking at fixed paths under the issuer (no metadata).
enum class AuthDialect : unsigned char { Rfc8628, Lwa };

struct DeviceConfig {
    std::string_view issuer = "https://auth.ringside.test";  // RFC 8414 issuer; metadata is discovered from it
    std::string_view client_id = "ringside-speaker";
    std::string_view scope = "speaker";
    std::string_view product_id = "RS-ONE";
    std::string_view serial_number = "RS0000000001";
    AuthDialect dialect = AuthDialect::Rfc8628;
};

} // namespace ringside::fw
