#pragma once
// Which device-side exchange a captured request is, in the journal's terms (the names
// `cloud.fault` filters on): device authorization, a token request by grant, revocation,
// the issuer's metadata. Both dialects the cloud speaks: RFC 8628 (/oauth2/device_authorization,
// /oauth2/token, /oauth2/revoke, /.well-known/oauth-authorization-server) and Login with
// Amazon (/auth/O2/create/codepair, /auth/O2/token), under any prefix (a tenant's
// /tenants/t1/...). Anything else — the verification page, an admin API, other hosts'
// traffic — is not the speaker's. Who may call: the importer.
#include <optional>
#include <string>

#include "importer/har/har_exchange.hpp"

namespace ringside::importer {

struct ExchangeKind {
    std::string endpoint;  // "metadata", "device_authorization", "token", "revoke"
    std::string grant;     // "device_code" or "refresh_token" on the token endpoint, else empty
    bool lwa = false;      // a Login with Amazon path
};

std::optional<ExchangeKind> classify(const HarExchange& exchange);

} // namespace ringside::importer
