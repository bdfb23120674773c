#include "cloud/oauth/token_registry.hpp"

#include "cloud/oauth/opaque_token.hpp"

namespace ringside::cloud {
namespace {

std::vector<std::string_view> split_scopes(std::string_view scope) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (start < scope.size()) {
        std::size_t end = scope.find(' ', start);
        if (end == std::string_view::npos) end = scope.size();
        if (end > start) parts.push_back(scope.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

} // namespace

bool scope_within(std::string_view requested, std::string_view granted) {
    const auto allowed = split_scopes(granted);
    for (const auto wanted : split_scopes(requested)) {
        bool found = false;
        for (const auto have : allowed) found = found || have == wanted;
        if (!found) return false;
    }
    return true;
}

IssuedTokens TokenRegistry::mint(std::size_t grant, std::string scope, Millis now,
                                 Millis access_lifetime, CodeSource& source) {
    IssuedTokens tokens;
    do {
        tokens.access_token = generate_opaque_token(source, access_prefix);
    } while (access_tokens_.count(tokens.access_token) != 0);
    do {
        tokens.refresh_token = generate_opaque_token(source, refresh_prefix);
    } while (refresh_tokens_.count(tokens.refresh_token) != 0);
    tokens.scope = scope;
    access_tokens_.emplace(tokens.access_token, AccessToken{grant, std::move(scope), now + access_lifetime});
    refresh_tokens_.emplace(tokens.refresh_token, RefreshToken{grant});
    return tokens;
}

IssuedTokens TokenRegistry::issue(std::string_view account_id, std::string_view client_id,
                                  std::string scope, std::string_view device_serial, Millis now,
                                  Millis access_lifetime, CodeSource& source) {
    grants_.push_back(Grant{std::string(account_id), std::string(client_id), scope, std::string(device_serial)});
    return mint(grants_.size() - 1, std::move(scope), now, access_lifetime, source);
}

RefreshResult TokenRegistry::refresh(std::string_view refresh_token, std::string_view client_id,
                                     const std::optional<std::string>& requested_scope, Millis now,
                                     Millis access_lifetime, CodeSource& source) {
    const auto it = refresh_tokens_.find(std::string(refresh_token));
    if (it == refresh_tokens_.end()) return {RefreshVerdict::InvalidGrant, {}};
    const std::size_t grant = it->second.grant;
    if (it->second.spent) {
        // RFC 9700 §4.14.2: a rotated-away refresh token presented again means two parties
        // hold the family (a thief, or a client that lost an answer): end the whole grant.
        if (grants_[grant].client_id == client_id) grants_[grant].revoked = true;
        return {RefreshVerdict::InvalidGrant, {}};
    }
    if (grants_[grant].revoked || grants_[grant].client_id != client_id) {
        return {RefreshVerdict::InvalidGrant, {}};
    }
    std::string scope = grants_[grant].scope;
    if (requested_scope) {
        if (!scope_within(*requested_scope, scope)) return {RefreshVerdict::InvalidScope, {}};
        scope = *requested_scope;
    }
    it->second.spent = true;
    return {RefreshVerdict::Issued, mint(grant, std::move(scope), now, access_lifetime, source)};
}

RevokeVerdict TokenRegistry::revoke(std::string_view token, std::string_view client_id) {
    const std::string key(token);
    const auto refresh = refresh_tokens_.find(key);
    if (refresh != refresh_tokens_.end() && !refresh->second.spent) {
        Grant& grant = grants_[refresh->second.grant];
        if (grant.client_id != client_id) return RevokeVerdict::WrongClient;
        grant.revoked = true;
        refresh->second.spent = true;
        return RevokeVerdict::Revoked;
    }
    if (const auto access = access_tokens_.find(key); access != access_tokens_.end()) {
        if (grants_[access->second.grant].client_id != client_id) return RevokeVerdict::WrongClient;
        access->second.revoked = true;
    }
    return RevokeVerdict::Revoked;
}

int TokenRegistry::revoke_account(std::string_view account_id, std::string_view device_serial) {
    int revoked = 0;
    for (Grant& grant : grants_) {
        if (grant.account_id == account_id && !grant.revoked &&
            (device_serial.empty() || grant.device_serial == device_serial)) {
            grant.revoked = true;
            ++revoked;
        }
    }
    return revoked;
}

const TokenRegistry::AccessToken* TokenRegistry::live_access_token(std::string_view token,
                                                                   Millis now) const {
    const auto it = access_tokens_.find(std::string(token));
    if (it == access_tokens_.end()) return nullptr;
    const AccessToken& access = it->second;
    if (access.revoked || grants_[access.grant].revoked || now >= access.expires_at) return nullptr;
    return &access;
}

std::optional<std::string> TokenRegistry::refresh_token_client(std::string_view token) const {
    const auto it = refresh_tokens_.find(std::string(token));
    if (it == refresh_tokens_.end() || it->second.spent || grants_[it->second.grant].revoked) return std::nullopt;
    return grants_[it->second.grant].client_id;
}

bool TokenRegistry::access_token_valid(std::string_view token, Millis now) const {
    return live_access_token(token, now) != nullptr;
}

std::optional<std::string> TokenRegistry::access_token_account(std::string_view token,
                                                               Millis now) const {
    const AccessToken* access = live_access_token(token, now);
    if (!access) return std::nullopt;
    return grants_[access->grant].account_id;
}

std::optional<std::string> TokenRegistry::refresh_token_account(std::string_view token) const {
    const auto it = refresh_tokens_.find(std::string(token));
    if (it == refresh_tokens_.end() || it->second.spent || grants_[it->second.grant].revoked) return std::nullopt;
    return grants_[it->second.grant].account_id;
}

} // namespace ringside::cloud
