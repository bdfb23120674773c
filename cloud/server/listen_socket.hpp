#pragma once
// The HTTP cloud's listening socket and, with --tls, its TLS context: made by the server
// itself (not by httplib) because its own connection loop accepts and serves connections.
// Who may call: the HTTP server, from the thread that binds it.
#include <string>

struct ssl_ctx_st;
struct x509_st;
struct evp_pkey_st;

namespace ringside::cloud {

// A TCP socket bound to `host`:`port` (0: any free port) and listening with the system's
// largest backlog, so a burst of connects waits in the kernel rather than failing. -1 with
// `why` set when it cannot be made.
int listen_socket(const std::string& host, int port, std::string& why);
// The port a bound socket has, or -1.
int bound_port(int fd);

// A server TLS context with this certificate and key (TLS 1.2 and later). Idle connections
// release OpenSSL's read and write buffers, so a parked TLS connection stays small. Null
// when OpenSSL refuses; the caller frees it with SSL_CTX_free.
ssl_ctx_st* server_tls_context(x509_st* certificate, evp_pkey_st* key);

} // namespace ringside::cloud
