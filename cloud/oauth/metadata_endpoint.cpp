#include "cloud/service/endpoint_paths.hpp"
#include "cloud/service/endpoints.hpp"
#include "cloud/service/journal.hpp"
#include "cloud/service/json_writer.hpp"

#include <algorithm>

namespace ringside::cloud {
namespace {

// RFC 8414 §2 scopes_supported: every scope some client's list allows (cloud_types.hpp
// Client::scopes), sorted, once each. Empty when no client is limited to a list: such a
// server takes any scope, and the key is left out. A client with no list still takes any
// scope, which the RFC allows ("servers MAY choose not to advertise some supported scope
// values"): a tool reading the metadata (`ringside signin`) can warn about a scope no
// client may have.
std::vector<std::string> scopes_supported(const CloudConfig& config) {
    std::vector<std::string> scopes;
    for (const Client& client : config.clients) scopes.insert(scopes.end(), client.scopes.begin(), client.scopes.end());
    std::sort(scopes.begin(), scopes.end());
    scopes.erase(std::unique(scopes.begin(), scopes.end()), scopes.end());
    return scopes;
}

} // namespace

// RFC 8414 §2. The speaker discovers every other endpoint from here, so this is what lets
// it sign in against any conformant server.
Outcome serve_metadata(const ServiceState& state, const CloudRequest& request) {
    if (request.method != "GET") return method_not_allowed("GET");
    const CloudConfig& config = state.config;
    JsonObjectWriter metadata;
    metadata.string("issuer", config.issuer)
        .string("device_authorization_endpoint", issuer_url(config, paths::kDeviceAuthorization))
        .string("token_endpoint", issuer_url(config, paths::kToken))
        .string("revocation_endpoint", issuer_url(config, paths::kRevoke))
        .string_array("grant_types_supported", {std::string(kDeviceCodeGrantType), "refresh_token"})
        // No authorization endpoint, so no response types (RFC 8414 §2 requires the key).
        .string_array("response_types_supported", {})
        .string_array("token_endpoint_auth_methods_supported", {"none"})
        .string_array("revocation_endpoint_auth_methods_supported", {"none"});
    if (const auto scopes = scopes_supported(config); !scopes.empty()) metadata.string_array("scopes_supported", scopes);
    return json_success(metadata.finish(), false);
}

} // namespace ringside::cloud
