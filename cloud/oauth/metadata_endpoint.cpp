#include "cloud/service/endpoint_paths.hpp"
#include "cloud/service/endpoints.hpp"
#include "cloud/service/journal.hpp"
#include "cloud/service/json_writer.hpp"

namespace ringside::cloud {

// RFC 8414 §2. The speaker discovers every other endpoint from here, so this is what lets
// it sign in against any conformant server.
Outcome serve_metadata(const ServiceState& state, const CloudRequest& request) {
    if (request.method != "GET") return method_not_allowed("GET");
    const CloudConfig& config = state.config;
    return json_success(
        JsonObjectWriter()
            .string("issuer", config.issuer)
            .string("device_authorization_endpoint", issuer_url(config, paths::kDeviceAuthorization))
            .string("token_endpoint", issuer_url(config, paths::kToken))
            .string("revocation_endpoint", issuer_url(config, paths::kRevoke))
            .string_array("grant_types_supported",
                          {std::string(kDeviceCodeGrantType), "refresh_token"})
            // No authorization endpoint, so no response types (RFC 8414 §2 requires the key).
            .string_array("response_types_supported", {})
            .string_array("token_endpoint_auth_methods_supported", {"none"})
            .string_array("revocation_endpoint_auth_methods_supported", {"none"})
            .finish(),
        false);
}

} // namespace ringside::cloud
