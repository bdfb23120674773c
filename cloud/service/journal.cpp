#include "cloud/service/journal.hpp"

#include "cloud/service/endpoint_paths.hpp"

namespace ringside::cloud {

std::string endpoint_for_path(std::string_view path) {
    if (path == paths::kMetadata) return "metadata";
    if (path == paths::kDeviceAuthorization) return "device_authorization";
    if (path == paths::kToken) return "token";
    if (path == paths::kRevoke) return "revoke";
    if (path == paths::kVerification) return "verification";
    // LWA's paths journal as the RFC endpoints they play the part of, so one vocabulary of
    // request expectations covers both dialects.
    if (path == paths::kLwaCodePair) return "device_authorization";
    if (path == paths::kLwaToken) return "token";
    if (path == paths::kVoice) return "voice";
    if (path == paths::kSettings) return "settings";
    return "other";
}

std::string short_grant_type(std::string_view grant_type) {
    if (grant_type == kDeviceCodeGrantType) return "device_code";
    return std::string(grant_type);
}

} // namespace ringside::cloud
