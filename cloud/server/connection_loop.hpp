#pragma once
// How the HTTP cloud holds its connections: one loop thread (epoll) accepts them and parks
// every connection that has no complete request, idle or halfway through one; a small pool
// of workers serves only connections whose request is complete (request_readiness.hpp), one
// request after another while more are buffered, then parks them again itself. A
// fleet of idle keep-alive connections, or clients stalled mid-request, therefore costs
// memory, never a worker: new requests are served while thousands are held.
//
// Limits (memory bound): at most `max_connections` open at once (parked plus served). A
// parked idle connection costs about 1 KiB of resident memory (measured: 500 add 0.5 MiB of
// VmRSS; kernel socket buffers are not counted there) and, under TLS, OpenSSL's session with
// its buffers released (a few KiB more); a partial one also what it sent, at most
// kMaxBuffered (32 KiB). So 4096 connections: ~4 MiB idle, ~135 MiB if every one stalls
// with a full buffer. At the limit, or when the process runs out of descriptors, the
// connection idle longest is closed (then the oldest partial one) so a new client is still
// served; when every connection is being served, a new one is closed at once. Workers:
// ConnectionLimits::workers free to serve, up to max_workers while faults hold some. Idle
// connections close after `idle_timeout`; a request must be complete `head_timeout` after
// its first byte; a worker's every read and write waits at most `io_timeout`.
// Who may call: run() from one thread (it returns after stop()); stop() from any thread.
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
    // Workers free to serve at any time; more are started (up to max_workers, never
    // stopped before the loop ends) while workers wait on purpose (blocking_wait.hpp).
    // Few workers: on two cores, each extra thread to wake costs latency under load.
    int workers = 4;
    int max_workers = 64;
};

class ConnectionLoop {
public:
    // Serves the one complete request at the start of the connection's buffer on a worker's
    // thread; returns whether the connection may stay open for another.
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
