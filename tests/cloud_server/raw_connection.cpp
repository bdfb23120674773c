#include "cloud_server/raw_connection.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace ringside::test {
namespace {

using Clock = std::chrono::steady_clock;

int millis_left(Clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left < 0 ? 0 : static_cast<int>(left);
}

// The body length a response head announces; -1 when it announces none.
long content_length(const std::string& head) {
    std::string lower = head;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto at = lower.find("\r\ncontent-length:");
    return at == std::string::npos ? -1 : std::atol(lower.c_str() + at + 17);
}

} // namespace

RawConnection::RawConnection(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    // A bounded connect: a server whose accept queue is full must not hang the test.
    timeval limit{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return;
    }
    const int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    fd_ = fd;
}

RawConnection::~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
}

RawConnection::RawConnection(RawConnection&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

bool RawConnection::send(const std::string& bytes) {
    if (fd_ < 0) return false;
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return false;
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

void RawConnection::half_close() {
    if (fd_ >= 0) ::shutdown(fd_, SHUT_WR);
}

std::string RawConnection::read_response(std::chrono::milliseconds within) {
    const auto deadline = Clock::now() + within;
    std::string got;
    char buffer[4096];
    while (fd_ >= 0) {
        const auto head_end = got.find("\r\n\r\n");
        if (head_end != std::string::npos) {
            const long length = content_length(got.substr(0, head_end + 2));
            if (length >= 0 && got.size() >= head_end + 4 + static_cast<std::size_t>(length)) break;
        }
        pollfd watch{fd_, POLLIN, 0};
        if (::poll(&watch, 1, millis_left(deadline)) <= 0) break;  // out of time
        const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
        if (n <= 0) break;  // the server closed
        got.append(buffer, static_cast<std::size_t>(n));
    }
    return got;
}

bool RawConnection::closed_by_server(std::chrono::milliseconds within) {
    const auto deadline = Clock::now() + within;
    char buffer[512];
    while (fd_ >= 0) {
        pollfd watch{fd_, POLLIN, 0};
        if (::poll(&watch, 1, millis_left(deadline)) <= 0) return false;
        const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
        if (n <= 0) return true;
    }
    return true;
}

int port_of_issuer(const std::string& issuer) { return std::atoi(issuer.c_str() + issuer.rfind(':') + 1); }

std::string get_request(const std::string& path, bool close) {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n";
}

long raise_descriptor_limit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return -1;
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
        ::getrlimit(RLIMIT_NOFILE, &limit);
    }
    return static_cast<long>(limit.rlim_cur);
}

} // namespace ringside::test
