#pragma once
// Finds the socket of the exchange a handler is serving. cpp-httplib 0.11 does not hand its
// handlers the connection, yet a transport fault (an empty reply, a reset, raw bytes, a
// broken chunked body, a connection held open) must be done to that very socket, for real.
// The request names its four-tuple (local and peer address and port); the one connected
// socket of this process with that four-tuple is the exchange's. Linux only: it reads
// /proc/self/fd. Under TLS the SSL object knows its descriptor, and no search is needed.
// Who may call: the answer delivery (answer_delivery.cpp), on the handler's thread, while
// httplib holds the connection open for that handler.
#include <httplib.h>

namespace ringside::cloud {

// The descriptor, or -1 when no socket of this process matches (the caller must then not
// pretend it broke anything).
int exchange_socket(const httplib::Request& request);

} // namespace ringside::cloud
