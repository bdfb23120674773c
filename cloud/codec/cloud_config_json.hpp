#pragma once
// A whole cloud configuration as JSON, so that `ringside run --cloud URL` can ask the HTTP
// server for a cloud exactly like the one a scenario would get in process (accounts with
// MFA secrets and voice profiles, clients, lifetimes, seed, dialect, issuer).
// The TOTP secret, raw key bytes, travels as hex. The body carries passwords: it goes only
// to the authenticated admin API on a loopback address and is never logged.
// Who may call: the cloud client (encode) and the admin API (decode).
#include <optional>
#include <string>

#include "cloud/service/cloud_types.hpp"

namespace ringside::cloud {

std::string encode_cloud_config(const CloudConfig& config);

// nullopt, with `why` saying which member is wrong, when `json` is not such a document.
std::optional<CloudConfig> decode_cloud_config(const std::string& json, std::string& why);

} // namespace ringside::cloud
