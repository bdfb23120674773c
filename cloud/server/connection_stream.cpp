#include "cloud/server/connection_stream.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <openssl/ssl.h>

#include "cloud/server/blocking_wait.hpp"

namespace ringside::cloud {

ConnectionStream::ConnectionStream(Connection& connection, std::chrono::milliseconds io_timeout)
    : c_(connection), io_timeout_(io_timeout) {}

bool ConnectionStream::wait_for(short events) const {
    pollfd watch{c_.fd, events, 0};
    if (::poll(&watch, 1, 0) > 0) return true;
    // A slow client holds this thread now: the connection loop starts another meanwhile, so
    // a few dribbling clients cannot stop the server (the loop has as many threads as cores).
    const BlockingWait waiting;
    for (;;) {
        const int ready = ::poll(&watch, 1, static_cast<int>(io_timeout_.count()));
        if (ready < 0 && errno == EINTR) continue;  // a signal only restarts one bounded wait
        return ready > 0;
    }
}

bool ConnectionStream::is_readable() const {
    if (!c_.unconsumed().empty()) return true;
    // Waiting for input with output still gathered could wait on a client that waits for it.
    if (!const_cast<ConnectionStream*>(this)->flush()) return false;
    return wait_for(POLLIN);
}

bool ConnectionStream::is_writable() const { return c_.fd >= 0; }

bool ConnectionStream::read_more() {
    if (c_.peer_closed || !flush()) return false;
    char chunk[4096];
    // At most one wait per call, each bounded by the I/O timeout; TLS may ask for a few
    // rounds (a record split across segments), each of them waited on the same way.
    for (int round = 0; round < 64; ++round) {
        long n = 0;
        if (c_.ssl) {
            n = SSL_read(c_.ssl, chunk, sizeof chunk);
            if (n <= 0) {
                const int e = SSL_get_error(c_.ssl, static_cast<int>(n));
                if (e == SSL_ERROR_WANT_READ && wait_for(POLLIN)) continue;
                if (e == SSL_ERROR_WANT_WRITE && wait_for(POLLOUT)) continue;
                if (e == SSL_ERROR_ZERO_RETURN) c_.peer_closed = true;
                return false;
            }
        } else {
            // Never a blocking read: a wait goes through wait_for, which tells the loop.
            n = ::recv(c_.fd, chunk, sizeof chunk, MSG_DONTWAIT);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && wait_for(POLLIN)) continue;
            if (n == 0) c_.peer_closed = true;
            if (n <= 0) return false;
        }
        c_.compact();
        c_.buffered.append(chunk, static_cast<std::size_t>(n));
        return true;
    }
    return false;
}

ssize_t ConnectionStream::read(char* ptr, size_t size) {
    if (c_.unconsumed().empty() && !read_more()) return -1;
    const std::string_view have = c_.unconsumed();
    const std::size_t n = std::min(size, have.size());
    std::memcpy(ptr, have.data(), n);
    c_.consumed += n;
    return static_cast<ssize_t>(n);
}

namespace {
// Gathered output is sent once it reaches this much. Bytes.
constexpr std::size_t kGatherAtMost = 64 * 1024;
} // namespace

ssize_t ConnectionStream::write(const char* ptr, size_t size) {
    if (failed_) return -1;
    if (through_) return send_now(ptr, size);
    gathered_.append(ptr, size);
    if (gathered_.size() >= kGatherAtMost && !flush()) return -1;
    return static_cast<ssize_t>(size);
}

bool ConnectionStream::flush() {
    if (failed_) return false;
    if (gathered_.empty()) return true;
    failed_ = send_now(gathered_.data(), gathered_.size()) < 0;
    gathered_.clear();
    return !failed_;
}

void ConnectionStream::write_through() {
    flush();
    through_ = true;
}

ssize_t ConnectionStream::send_now(const char* ptr, size_t size) {
    std::size_t sent = 0;
    // Each pass sends at least a byte or waits (bounded) for room; a stuck client ends it.
    while (sent < size) {
        long n = 0;
        if (c_.ssl) {
            n = SSL_write(c_.ssl, ptr + sent, static_cast<int>(std::min<std::size_t>(size - sent, 1 << 30)));
            if (n <= 0) {
                const int e = SSL_get_error(c_.ssl, static_cast<int>(n));
                if (e == SSL_ERROR_WANT_WRITE && wait_for(POLLOUT)) continue;
                if (e == SSL_ERROR_WANT_READ && wait_for(POLLIN)) continue;
                return -1;
            }
        } else {
            n = ::send(c_.fd, ptr + sent, size - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && wait_for(POLLOUT)) continue;
            if (n <= 0) return -1;  // the wait ran out, or the peer is gone
        }
        sent += static_cast<std::size_t>(n);
    }
    return static_cast<ssize_t>(size);
}

void ConnectionStream::get_remote_ip_and_port(std::string& ip, int& port) const {
    ip = c_.remote_ip;
    port = c_.remote_port;
}

void ConnectionStream::get_local_ip_and_port(std::string& ip, int& port) const {
    ip = c_.local_ip;
    port = c_.local_port;
}

socket_t ConnectionStream::socket() const { return c_.fd; }

} // namespace ringside::cloud
