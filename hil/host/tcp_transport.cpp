#include "hil/host/tcp_transport.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "hil/host/fd_io.hpp"
#include "hil/host/link_error.hpp"

namespace ringside::hil {
namespace {

using Kind = LinkError::Kind;

void set_option(int fd, int level, int name, int value) { ::setsockopt(fd, level, name, &value, sizeof value); }

// One address: a non-blocking connect, then poll() for it to finish before `deadline`.
// Returns the connected socket, or -1 with `error` set (ETIMEDOUT when time ran out).
int connect_one(const addrinfo& address, Deadline deadline, int& error) {
    const int fd = ::socket(address.ai_family, address.ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, address.ai_protocol);
    if (fd < 0) {
        error = errno;
        return -1;
    }
    if (::connect(fd, address.ai_addr, address.ai_addrlen) == 0) return fd;
    if (errno != EINPROGRESS) {
        error = errno;
        ::close(fd);
        return -1;
    }
    for (;;) {  // ends: poll() waits at most until the deadline, then we give up
        pollfd p{fd, POLLOUT, 0};
        const int ready = ::poll(&p, 1, fd_io::poll_timeout(deadline));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) {
            error = ready == 0 ? ETIMEDOUT : errno;
            ::close(fd);
            return -1;
        }
        int so_error = 0;
        socklen_t len = sizeof so_error;
        ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &len);
        if (so_error == 0) return fd;
        error = so_error;
        ::close(fd);
        return -1;
    }
}

} // namespace

std::string tcp_port_name(const std::string& host, std::uint16_t port) {
    const bool v6 = host.find(':') != std::string::npos;
    return "tcp:" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::unique_ptr<TcpTransport> TcpTransport::connect(const std::string& host, std::uint16_t port,
                                                    std::chrono::milliseconds timeout) {
    const std::string name = tcp_port_name(host, port);
    const Deadline deadline = LinkClock::now() + timeout;
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const std::string service = std::to_string(port);
    if (const int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0)
        throw LinkError(Kind::NotFound, name, "cannot resolve the host of " + name + ": " + ::gai_strerror(rc));
    int fd = -1, error = 0;
    for (addrinfo* a = found; a && fd < 0 && LinkClock::now() < deadline; a = a->ai_next) fd = connect_one(*a, deadline, error);
    ::freeaddrinfo(found);
    if (fd < 0) {
        if (error == ETIMEDOUT || error == 0)
            throw LinkError(Kind::ConnectFailed, name, name + " did not accept a connection within " + describe_duration(timeout));
        if (error == ECONNREFUSED)
            throw LinkError(Kind::ConnectFailed, name, "nothing listens at " + name + " (connection refused)");
        throw LinkError(Kind::ConnectFailed, name, "cannot connect to " + name + ": " + std::strerror(error));
    }
    return adopt(fd, name);
}

std::unique_ptr<TcpTransport> TcpTransport::adopt(int fd, std::string name) {
    set_option(fd, IPPROTO_TCP, TCP_NODELAY, 1);
    set_option(fd, SOL_SOCKET, SO_KEEPALIVE, 1);
    set_option(fd, IPPROTO_TCP, TCP_KEEPIDLE, 5);   // seconds of silence before probing
    set_option(fd, IPPROTO_TCP, TCP_KEEPINTVL, 2);  // seconds between probes
    set_option(fd, IPPROTO_TCP, TCP_KEEPCNT, 3);    // unanswered probes before the reset
    return std::unique_ptr<TcpTransport>(new TcpTransport(fd, std::move(name)));
}

TcpTransport::~TcpTransport() { ::close(fd_); }

void TcpTransport::write(const std::uint8_t* data, std::size_t size, Deadline deadline) {
    fd_io::write(fd_, data, size, deadline, name_);
}

ReadResult TcpTransport::read(std::uint8_t* buffer, std::size_t max, Deadline deadline) {
    // ACK at once, not after the delayed-ACK timer (up to 40 ms): a sender that batches small
    // writes (Nagle) waits for our ACK before its next segment. Linux drops quick-ACK mode
    // on its own, so it is set before every read.
    set_option(fd_, IPPROTO_TCP, TCP_QUICKACK, 1);
    return fd_io::read(fd_, buffer, max, deadline, name_);
}

} // namespace ringside::hil
