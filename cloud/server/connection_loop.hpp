#pragma once
// How the HTTP cloud holds its connections: a few threads share one epoll set. The thread a
// connection's (one-shot) readiness goes to reads what it sent; when that holds a complete
// request (request_readiness.hpp) the same thread serves it at once and every request
// buffered after it, then parks the connection again. Without one, the connection is parked
// as it is, idle or halfway through a request. A fleet of idle keep-alive connections, or
// clients stalled mid-request, therefore costs memory, never a thread, and a request is
// served by the thread that read it: no hand-over, no second thread to wake per request
// (on two cores that hand-over was most of the latency under load).
//
// Limits (memory bound): at most `max_connections` open at once (parked plus served). A
// parked idle connection costs about 1 KiB of resident memory (measured: 500 add 0.5 MiB of
// VmRSS; kernel socket buffers are not counted there) and, under TLS, OpenSSL's session with
// its buffers released (a few KiB more); a partial one also what it sent, at most
// kMaxBuffered (32 KiB). So 4096 connections: ~4 MiB idle, ~135 MiB if every one stalls
// with a full buffer. At the limit, or when the process runs out of descriptors, the
// connection idle longest is closed (then the oldest partial one) so a new client is still
// served; when every connection is being served, a new one is closed at once. Threads:
// ConnectionLimits::workers free to serve, up to max_workers while faults hold some. Idle
// connections close after `idle_timeout`; a request must be complete `head_timeout` after
// its first byte; a thread's every read and write while serving waits at most `io_timeout`.
// Who may call: run() from one thread (it serves too, and returns after stop()); stop() from
// any thread.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>

#include "cloud/server/connection.hpp"

struct ssl_ctx_st;

namespace ringside::cloud {

struct ConnectionLimits {
    std::size_t max_connections = 4096;
    std::chrono::milliseconds idle_timeout{30'000};
    std::chrono::milliseconds head_timeout{10'000};
    std::chrono::milliseconds io_timeout{5'000};
    // Threads free to serve at any time, run()'s included; more are started (up to
    // max_workers, never stopped before the loop ends) while some wait on purpose
    // (blocking_wait.hpp). 0: one per core, at least 2. More than the cores only add threads
    // to wake: on two cores, 4 had a p99 half as large again as 2 (bench/token_endpoint.sh).
    int workers = 0;
    int max_workers = 64;
};

class ConnectionLoop {
public:
    // Serves the one complete request at the start of the connection's buffer (on one of the
    // loop's threads); returns whether the connection may stay open for another.
    using ServeOne = std::function<bool(Connection&)>;

    // `listen_fd`: a bound, listening socket (the loop makes it non-blocking, never closes
    // it). `tls`: null for plain HTTP; else every connection is TLS with this context.
    ConnectionLoop(int listen_fd, ssl_ctx_st* tls, ConnectionLimits limits, ServeOne serve_one);
    ~ConnectionLoop();

    // Accepts and serves until stop(); false if the loop could not start (no epoll).
    bool run();
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace ringside::cloud
