#pragma once
// The mock cloud over real HTTP on a loopback address: every path of DESIGN.md §3 served
// from the same CloudService the in-process transport uses, plus the admin API under
// /admin/ (bearer admin token, loopback peers only). httplib parses requests and writes
// answers; the server's own connection loop (connection_loop.hpp) holds the connections, so
// idle or stalled clients cost memory, not threads. Memory bound: see connection_loop.hpp
// (connections) and CloudConfig::journal_capacity (the journal).
// Who may call: `ringside cloud` and the demo; bind() and serve() from one thread, stop()
// from any.
#include <cstddef>
#include <memory>
#include <string>

#include "cloud/server/connection_loop.hpp"
#include "cloud/service/cloud_types.hpp"

namespace ringside::cloud {

struct CloudServerOptions {
    std::string host = "127.0.0.1";
    int port = 0;                        // 0: any free port (bind() says which)
    CloudConfig config;                  // its issuer is replaced by the server's own URL
    std::string admin_token;             // required on /admin/ as "Authorization: Bearer ..."
    // Larger bodies get 413 before any parsing. Form-encoded bodies meet a lower limit first:
    // 8 KiB, which cpp-httplib enforces itself (CPPHTTPLIB_FORM_URL_ENCODED_PAYLOAD_MAX_LENGTH,
    // compiled into the system library, so it cannot be raised here); both answer alike.
    // 96 KiB holds the longest voice request: 6 s of 8 kHz L16 audio (96,000 bytes, as the
    // speaker streams it, quiet tail included).
    std::size_t max_body_bytes = 96 * 1024;
    bool tls = false;                    // HTTPS with a test CA made at start-up (test_ca.hpp)
    // Connections and their timeouts; max_connections is lowered to what RLIMIT_NOFILE allows.
    ConnectionLimits connections;
    // Journal entries held at most, by the cloud and by each tenant (older ones dropped,
    // counts kept exact); replaces config.journal_capacity. 0: no limit. Measured: about
    // 0.3 KiB each, so the default bounds a journal near 30 MiB.
    std::size_t journal_size = 100'000;
};

class CloudServer {
public:
    explicit CloudServer(CloudServerOptions options);
    ~CloudServer();

    // Binds the listening socket. Returns the port, or -1 with why() set.
    int bind();
    const std::string& why() const;
    // The issuer URL clients use, e.g. http://127.0.0.1:8080 (valid after bind()).
    const std::string& issuer() const;
    // With tls: the PEM of the CA that signed the server's certificate, for clients to trust.
    const std::string& ca_certificate_pem() const;
    // Serves until stop(). Returns false if the server could not run.
    bool serve();
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace ringside::cloud
