#pragma once
// What survives a power cut: Wi-Fi credentials, the account hint from provisioning, and the
// refresh token. Sizes are the caps the firmware accepts (bytes); longer values are refused.
// Who may call: the device lifecycle and the token store.
#include <string_view>

#include "firmware/core/fixed_string.hpp"

namespace ringside::fw {

inline constexpr std::size_t kMaxSsid = 32;           // IEEE 802.11 SSID limit
inline constexpr std::size_t kMaxWifiPassword = 64;   // WPA2: 63-char passphrase or 64 hex digits
inline constexpr std::size_t kMaxAccountHint = 64;
inline constexpr std::size_t kMaxRefreshToken = 512;  // LWA Atzr| tokens are ~400 chars

struct StoredCredentials {
    FixedString<kMaxSsid> wifi_ssid;
    FixedString<kMaxWifiPassword> wifi_password;
    FixedString<kMaxAccountHint> account_hint;
    FixedString<kMaxRefreshToken> refresh_token;

    bool has_wifi() const { return !wifi_ssid.empty(); }
    bool has_refresh_token() const { return !refresh_token.empty(); }

    void wipe() {
        wifi_ssid.wipe();
        wifi_password.wipe();
        account_hint.wipe();
        refresh_token.wipe();
    }
};

} // namespace ringside::fw
