#include "hil/host/tcp_listener.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "hil/host/link_error.hpp"

namespace ringside::hil {

TcpListener::TcpListener(std::string port_name) : port_name_(std::move(port_name)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(fd_, 1) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        const std::string why = std::strerror(errno);
        if (fd_ >= 0) ::close(fd_);
        throw LinkError(LinkError::Kind::Io, port_name_, "cannot listen on loopback for the board on " + port_name_ + ": " + why);
    }
    port_ = ntohs(address.sin_port);
}

TcpListener::~TcpListener() { ::close(fd_); }

std::unique_ptr<TcpTransport> TcpListener::accept(Deadline deadline, const std::function<bool()>& give_up) {
    for (;;) {  // ends: each pass waits at most 10 ms, and the deadline is checked every pass
        // Non-blocking like a connected one: fd_io polls before each read and write.
        const int fd = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (fd >= 0) return TcpTransport::adopt(fd, port_name_);
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR && errno != ECONNABORTED)
            throw LinkError(LinkError::Kind::Io, port_name_, std::string("accept failed: ") + std::strerror(errno));
        if (LinkClock::now() >= deadline || (give_up && give_up())) return nullptr;
        pollfd p{fd_, POLLIN, 0};
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - LinkClock::now()).count();
        ::poll(&p, 1, static_cast<int>(std::clamp<long long>(left, 0, 10)));
    }
}

} // namespace ringside::hil
