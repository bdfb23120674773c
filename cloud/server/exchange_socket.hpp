#pragma once
// Finds the socket of the exchange a handler is serving. cpp-httplib 0.11 does not hand its
// handlers the connection, yet a transport fault (an empty reply, a reset, raw bytes, a
// broken chunked body, a connection held open) must be done to that very socket, for real.
// The server's worker names it for the handlers it runs (ExchangeScope); under TLS the SSL
// object knows its descriptor.
// Who may call: the worker serving a connection (ExchangeScope), and the answer delivery
// (answer_delivery.cpp) on that worker's thread while the handler runs.
#include <httplib.h>

namespace ringside::cloud {

// While alive, `fd` is the exchange of every request handled on this thread.
class ExchangeScope {
public:
    explicit ExchangeScope(int fd);
    ~ExchangeScope();
    ExchangeScope(const ExchangeScope&) = delete;
    ExchangeScope& operator=(const ExchangeScope&) = delete;

private:
    int previous_;
};

// The descriptor, or -1 when no exchange is being served on this thread (the caller must
// then not pretend it broke anything).
int exchange_socket(const httplib::Request& request);

} // namespace ringside::cloud
