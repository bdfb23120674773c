#pragma once
// Access and refresh tokens, grouped by the grant (one device-code approval) they descend
// from, so that revoking a refresh token can take every token of that grant with it
// (RFC 7009 §2.1) and an account holder's "remove this device" can revoke them all.
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cloud/service/cloud_types.hpp"
#include "cloud/oauth/code_source.hpp"

namespace ringside::cloud {

struct IssuedTokens {
    std::string access_token;
    std::string refresh_token;
    std::string scope;          // of the access token
};

enum class RefreshVerdict { Issued, InvalidGrant, InvalidScope };

struct RefreshResult {
    RefreshVerdict verdict = RefreshVerdict::InvalidGrant;
    IssuedTokens tokens;        // set when Issued
};

enum class RevokeVerdict { Revoked, WrongClient };

class TokenRegistry {
public:
    // A new grant for `account_id`, with its first access and refresh token. `device_serial`:
    // the serial number the device gave with its code (empty: it gave none).
    IssuedTokens issue(std::string_view account_id, std::string_view client_id, std::string scope,
                       std::string_view device_serial, Millis now, Millis access_lifetime, CodeSource& source);

    // RFC 6749 §6 with rotation: the presented refresh token is spent and a new one issued.
    // Presenting a spent one again (reuse) revokes the whole grant (RFC 9700 §4.14.2).
    // `requested_scope` may only narrow the grant's scope, and only for the new access
    // token; the new refresh token keeps the grant's full scope (§6, last paragraph).
    RefreshResult refresh(std::string_view refresh_token, std::string_view client_id,
                          const std::optional<std::string>& requested_scope, Millis now,
                          Millis access_lifetime, CodeSource& source);

    // RFC 7009. A refresh token takes its whole grant with it; an access token only itself.
    // Unknown, expired and rotated-away tokens count as revoked and change nothing (§2.2:
    // the client cannot act on the difference).
    RevokeVerdict revoke(std::string_view token, std::string_view client_id);

    // Revokes every grant the account holds — or, with a `device_serial`, only those of that
    // device, as "Apps and Websites" lists each device; returns how many were still live.
    int revoke_account(std::string_view account_id, std::string_view device_serial = {});

    // The client a live (unspent, unrevoked) refresh token was issued to, if any: lets a
    // dialect tell "another client's token" (LWA: unauthorized_client) from an unknown one.
    std::optional<std::string> refresh_token_client(std::string_view token) const;

    // Token prefixes, so a reader can tell secrets apart (LWA's dialect: "Atza|", "Atzr|").
    std::string access_prefix = "rs_at.";
    std::string refresh_prefix = "rs_rt.";

    bool access_token_valid(std::string_view token, Millis now) const;
    // The account a valid access token acts for.
    std::optional<std::string> access_token_account(std::string_view token, Millis now) const;
    // The account a live refresh token (not rotated away, not revoked) acts for.
    std::optional<std::string> refresh_token_account(std::string_view token) const;

private:
    struct Grant {
        std::string account_id;
        std::string client_id;
        std::string scope;
        std::string device_serial;
        bool revoked = false;
    };
    struct AccessToken {
        std::size_t grant = 0;
        std::string scope;
        Millis expires_at{0};
        bool revoked = false;
    };
    struct RefreshToken {
        std::size_t grant = 0;
        bool spent = false;     // rotated away or revoked
    };

    const AccessToken* live_access_token(std::string_view token, Millis now) const;
    IssuedTokens mint(std::size_t grant, std::string scope, Millis now, Millis access_lifetime,
                      CodeSource& source);

    std::vector<Grant> grants_;
    std::unordered_map<std::string, AccessToken> access_tokens_;
    std::unordered_map<std::string, RefreshToken> refresh_tokens_;
};

// True when every space-separated scope in `requested` is in `granted`.
bool scope_within(std::string_view requested, std::string_view granted);

} // namespace ringside::cloud
