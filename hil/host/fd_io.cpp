#include "hil/host/fd_io.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>

#include "hil/host/link_error.hpp"

namespace ringside::hil::fd_io {
namespace {

[[noreturn]] void fail(const std::string& port, const char* what, int error) {
    throw LinkError(LinkError::Kind::Io, port, "the port " + port + ": " + what + " failed: " + std::strerror(error));
}

[[noreturn]] void closed(const std::string& port) {
    throw LinkError(LinkError::Kind::Closed, port, "the port " + port + " closed");
}

bool is_socket(int fd) {
    struct stat st {};
    return ::fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode);
}

// write(2) to a pipe whose reader has gone raises SIGPIPE, which would kill the whole
// harness. Block it for this thread, and swallow the one this write raised (not one that
// was already pending for some other reason), so the caller sees EPIPE instead.
ssize_t write_without_sigpipe(int fd, const std::uint8_t* data, std::size_t size) {
    sigset_t pipe_only, old_mask, pending;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_only, &old_mask);
    sigpending(&pending);
    const bool was_pending = sigismember(&pending, SIGPIPE) == 1;
    const ssize_t n = ::write(fd, data, size);
    const int error = errno;
    if (n < 0 && error == EPIPE && !was_pending) {
        const timespec zero{0, 0};
        sigtimedwait(&pipe_only, nullptr, &zero);
    }
    pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);
    errno = error;
    return n;
}

} // namespace

int poll_timeout(Deadline deadline) {
    const auto left = deadline - LinkClock::now();
    if (left <= LinkClock::duration::zero()) return 0;
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(left).count();
    return ms > INT_MAX ? INT_MAX : static_cast<int>(ms);
}

bool is_hang_up(int error) {
    // EIO: a PTY whose other side closed, a tty whose USB adapter vanished; ENXIO/ENODEV: the
    // device node outlived its device; the rest: a socket or pipe whose peer went away.
    return error == EIO || error == ENXIO || error == ENODEV || error == EPIPE || error == ECONNRESET ||
           error == ECONNABORTED || error == ENOTCONN || error == ESHUTDOWN || error == ETIMEDOUT ||
           error == EHOSTUNREACH || error == ENETUNREACH;
}

void make_non_blocking(int fd, const std::string& port) {
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) fail(port, "fcntl(O_NONBLOCK)", errno);
    const int fd_flags = ::fcntl(fd, F_GETFD);
    if (fd_flags >= 0) ::fcntl(fd, F_SETFD, fd_flags | FD_CLOEXEC);
}

ReadResult read(int fd, std::uint8_t* buffer, std::size_t max, Deadline deadline, const std::string& port) {
    if (max == 0) return {ReadResult::Status::Timeout, 0};
    // Each pass either returns or waits in poll() for what is left of the deadline; a pass
    // that finds nothing once the deadline has passed returns Timeout, so this ends.
    for (;;) {
        pollfd p{fd, POLLIN, 0};
        const int timeout = poll_timeout(deadline);
        const int ready = ::poll(&p, 1, timeout);
        if (ready < 0) {
            if (errno == EINTR) continue;
            fail(port, "poll", errno);
        }
        if (ready == 0) return {ReadResult::Status::Timeout, 0};
        if (p.revents & POLLNVAL) fail(port, "poll", EBADF);
        // POLLHUP or POLLERR with data still queued: read the data first; the read after
        // it reports the hang-up.
        const ssize_t n = ::read(fd, buffer, max);
        if (n > 0) return {ReadResult::Status::Bytes, static_cast<std::size_t>(n)};
        if (n == 0) return {ReadResult::Status::Closed, 0};
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
            if (timeout == 0) return {ReadResult::Status::Timeout, 0};
            continue;
        }
        if (is_hang_up(errno)) return {ReadResult::Status::Closed, 0};
        fail(port, "read", errno);
    }
}

void write(int fd, const std::uint8_t* data, std::size_t size, Deadline deadline, const std::string& port) {
    const bool socket = is_socket(fd);
    std::size_t done = 0;
    // Bounded like read(): every pass writes something, or waits for room until the
    // deadline and throws once it has passed.
    while (done < size) {
        const ssize_t n = socket ? ::send(fd, data + done, size - done, MSG_NOSIGNAL)
                                 : write_without_sigpipe(fd, data + done, size - done);
        if (n > 0) {
            done += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
            if (is_hang_up(errno)) closed(port);
            fail(port, "write", errno);
        }
        pollfd p{fd, POLLOUT, 0};
        const int ready = ::poll(&p, 1, poll_timeout(deadline));
        if (ready < 0) {
            if (errno == EINTR) continue;
            fail(port, "poll", errno);
        }
        if (ready == 0)
            throw LinkError(LinkError::Kind::Timeout, port,
                            "the port " + port + " took only " + std::to_string(done) + " of " + std::to_string(size) +
                                " bytes before the deadline (is the board reading? is flow control holding it?)");
        if (p.revents & POLLNVAL) fail(port, "poll", EBADF);
        if ((p.revents & (POLLHUP | POLLERR)) && !(p.revents & POLLOUT)) closed(port);
    }
}

} // namespace ringside::hil::fd_io
