#include "cloud/server/connection.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include <openssl/ssl.h>

#include "cloud/server/request_readiness.hpp"

namespace ringside::cloud {

Connection::Connection(int fd_in, ssl_st* ssl_in) : fd(fd_in), ssl(ssl_in), since(Clock::now()) {}

Connection::~Connection() { close_now(); }

void Connection::close_now() {
    if (ssl) {
        // A close_notify lets the client tell our close from a truncation; a peer that is gone
        // makes it fail, which changes nothing.
        if (handshaken) SSL_shutdown(ssl);
        SSL_free(ssl);
        ssl = nullptr;
    }
    if (fd >= 0) ::close(fd);
    fd = -1;
}

void Connection::compact() {
    if (consumed >= buffered.size()) {
        std::string().swap(buffered);
    } else if (consumed > 0) {
        buffered.erase(0, consumed);
    }
    consumed = 0;
}

Connection::Fill Connection::fill() {
    char chunk[4096];
    bool progressed = false;
    if (ssl && !handshaken) {
        const int r = SSL_accept(ssl);
        if (r != 1) {
            const int e = SSL_get_error(ssl, r);
            return e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE ? Fill::WouldBlock : Fill::Closed;
        }
        handshaken = true;
        progressed = true;
    }
    // Bounded: each pass takes at least a byte, and the loop stops at kMaxBuffered.
    while (unconsumed().size() < kMaxBuffered) {
        const std::size_t want = std::min(sizeof chunk, kMaxBuffered - unconsumed().size());
        long n = 0;
        if (ssl) {
            n = SSL_read(ssl, chunk, static_cast<int>(want));
            if (n <= 0) {
                const int e = SSL_get_error(ssl, static_cast<int>(n));
                if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) break;
                if (e == SSL_ERROR_ZERO_RETURN) {
                    peer_closed = true;
                    break;
                }
                return Fill::Closed;
            }
        } else {
            n = ::recv(fd, chunk, want, MSG_DONTWAIT);
            if (n < 0) {
                if (errno == EAGAIN || errno == EWOULDBLOCK) break;
                if (errno == EINTR) continue;
                return Fill::Closed;
            }
            if (n == 0) {
                peer_closed = true;
                break;
            }
        }
        buffered.append(chunk, static_cast<std::size_t>(n));
        progressed = true;
        // A short plain read emptied the socket: asking again would only say EAGAIN (one
        // system call per request saved). Bytes that arrive meanwhile re-arm the loop's
        // one-shot watch at once, which is level-triggered.
        if (!ssl && static_cast<std::size_t>(n) < want) break;
    }
    if (peer_closed && unconsumed().empty()) return Fill::Closed;
    return progressed || peer_closed ? Fill::Progress : Fill::WouldBlock;
}

} // namespace ringside::cloud
