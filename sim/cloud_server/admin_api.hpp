#pragma once
// The admin API of the standalone cloud (docs/cloud.md): accounts, revocation, approvals,
// faults, the request journal, the clock and reset. Bodies are form-encoded (curl -d),
// answers JSON. The HTTP server checks the admin token and the loopback peer first.
// Who may call: the HTTP server, for paths under /admin/.
#include "sim/cloud/cloud_types.hpp"
#include "sim/cloud_server/cloud_host.hpp"

namespace ringside::cloud {

inline constexpr std::string_view kAdminPrefix = "/admin/";

CloudResponse handle_admin(CloudHost& host, const CloudRequest& request);

} // namespace ringside::cloud
