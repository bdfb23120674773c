#pragma once
// Wires for the link tests: socketpairs, real pseudo-terminals (posix_openpt) and a loopback
// TCP listener (127.0.0.1 only: tests touch no other network), and a stopwatch, since
// every test also asserts how long its failure took to surface.
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>

#include "hil/host/board_link.hpp"
#include "hil/host/fd_transport.hpp"

namespace ringside::test {

struct Stopwatch {
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
    long long ms() const {
        return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    }
};

struct SocketPair {
    int host = -1, board = -1;
};
inline SocketPair socket_pair() {
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) throw std::runtime_error("socketpair failed");
    return {fds[0], fds[1]};
}

inline void make_raw(int fd) {
    termios tio{};
    ::tcgetattr(fd, &tio);
    ::cfmakeraw(&tio);
    ::tcsetattr(fd, TCSANOW, &tio);
}

// A real pseudo-terminal. `slave` is open (raw) only when asked: a test whose host opens
// the slave by path must not hold a second descriptor to it.
struct Pty {
    int master = -1;
    int slave = -1;
    std::string slave_path;
};
inline Pty open_pty(bool open_slave) {
    Pty pty;
    pty.master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (pty.master < 0 || ::grantpt(pty.master) != 0 || ::unlockpt(pty.master) != 0)
        throw std::runtime_error("posix_openpt failed");
    pty.slave_path = ::ptsname(pty.master);
    make_raw(pty.master);
    if (open_slave) {
        pty.slave = ::open(pty.slave_path.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (pty.slave < 0) throw std::runtime_error("cannot open " + pty.slave_path);
        make_raw(pty.slave);
    }
    return pty;
}

// A listening socket on 127.0.0.1 at a port the kernel picks.
struct Listener {
    int fd = -1;
    std::uint16_t port = 0;
    ~Listener() {
        if (fd >= 0) ::close(fd);
    }
};
inline std::unique_ptr<Listener> listen_loopback() {
    auto l = std::make_unique<Listener>();
    l->fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (::bind(l->fd, reinterpret_cast<sockaddr*>(&a), len) != 0 || ::listen(l->fd, 4) != 0 ||
        ::getsockname(l->fd, reinterpret_cast<sockaddr*>(&a), &len) != 0)
        throw std::runtime_error("cannot listen on 127.0.0.1");
    l->port = ntohs(a.sin_port);
    return l;
}

// A link on the host's end of a socketpair or PTY, named as a user would see it.
inline std::unique_ptr<hil::BoardLink> link_on(int fd, const std::string& name, hil::LinkOptions options = {}) {
    return std::make_unique<hil::BoardLink>(std::make_unique<hil::FdTransport>(fd, name), options);
}

inline hil::Deadline in_ms(long long ms) { return hil::LinkClock::now() + std::chrono::milliseconds(ms); }

} // namespace ringside::test
