#pragma once
// The admin API of the standalone cloud (docs/cloud.md): accounts, revocation, approvals,
// faults, the request journal, the clock, reset, voice state, and tenants (tenants.hpp).
// Bodies are form-encoded (curl -d) but for a tenant's configuration (JSON); answers JSON.
// The HTTP server checks the admin token and the loopback peer first.
// Who may call: the HTTP server, for paths under /admin/ of the main cloud (`tenants` set)
// or of a tenant (`tenants` null: a tenant makes no tenants).
#include "cloud/service/cloud_types.hpp"
#include "cloud/server/cloud_host.hpp"
#include "cloud/server/tenants.hpp"

namespace ringside::cloud {

inline constexpr std::string_view kAdminPrefix = "/admin/";

CloudResponse handle_admin(CloudHost& host, Tenants* tenants, const CloudRequest& request);

} // namespace ringside::cloud
