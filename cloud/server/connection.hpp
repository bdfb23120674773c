#pragma once
// One client connection of the HTTP cloud, as the connection loop (connection_loop.hpp)
// parks it and its workers serve it: the socket, its TLS session, and the bytes it sent
// that no request has consumed yet. A parked idle connection holds no buffer at all.
// Who may call: the connection loop, under its lock, while the connection is parked; the
// one loop thread its (one-shot) readiness event went to, while it is served.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <list>
#include <string>
#include <string_view>

struct ssl_st;

namespace ringside::cloud {

struct Connection {
    using Clock = std::chrono::steady_clock;

    Connection(int fd, ssl_st* ssl);
    ~Connection();  // close_now()
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    int fd = -1;
    ssl_st* ssl = nullptr;   // null for plain HTTP
    bool handshaken = false; // TLS: the handshake is done
    bool peer_closed = false; // the client half-closed (or closed): no request follows the buffered ones
    std::string buffered;    // bytes read and not yet consumed, from `consumed` on
    std::size_t consumed = 0;
    std::string remote_ip, local_ip;
    int remote_port = -1, local_port = -1;
    std::uint64_t served = 0;     // requests answered on this connection
    Clock::time_point since;      // parked idle: since when; partial: since its first byte
    bool partial = false;         // parked with part of a request buffered
    std::uint64_t id = 0;         // the loop's name for it in epoll events; never reused
    bool registered = false;      // in the loop's epoll set (armed or not)
    std::list<Connection*>::iterator parked_at;  // its place in the loop's idle or partial list

    // Ends the TLS session (a close_notify, best effort) and closes the socket; idempotent.
    void close_now();

    std::string_view unconsumed() const { return std::string_view(buffered).substr(consumed); }
    // Drops consumed bytes; with nothing left, frees the buffer (an idle connection costs no
    // buffer memory however large its last request was).
    void compact();

    enum class Fill { Progress, WouldBlock, Closed };
    // Reads what the socket has (through TLS, handshake first) without blocking, at most up
    // to kMaxBuffered unconsumed bytes. Closed: the peer reset, or TLS failed, or the peer
    // closed with nothing buffered; a clean FIN with bytes buffered sets peer_closed instead.
    Fill fill();
};

} // namespace ringside::cloud
