#pragma once
// One GET of an issuer's RFC 8414 metadata (RFC 8414 §3.1: /.well-known/oauth-authorization-server
// inserted after the origin, before the issuer's path), over real HTTP(S) as the speaker's own
// exchanges go (sim/cloud_client/exchange_clients.hpp). For what a command checks before a
// speaker signs in (sim/issuer/scope_warning.hpp), never for the speaker itself, which reads
// the metadata through its firmware.
// Units: timeouts in milliseconds. Who may call: any thread; blocks one round trip.
#include <chrono>
#include <string>

namespace ringside::cloud {

struct MetadataFetch {
    int status = 0;        // the HTTP status; 0: no answer
    std::string body;      // the answer's body (status 200 only)
    std::string failure;   // with status 0: "connection_failed", "timeout", "tls_failed", "broken"
};

MetadataFetch fetch_metadata(const std::string& issuer, const std::string& ca_file,
                             std::chrono::milliseconds connect_timeout = std::chrono::milliseconds(3'000),
                             std::chrono::milliseconds read_timeout = std::chrono::milliseconds(10'000));

} // namespace ringside::cloud
