#include "hil/host/fd_transport.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "hil/host/fd_io.hpp"
#include "hil/host/link_error.hpp"

namespace ringside::hil {
namespace {

speed_t speed_of(int baud) {
    switch (baud) {
    case 9600: return B9600;
    case 19200: return B19200;
    case 38400: return B38400;
    case 57600: return B57600;
    case 115200: return B115200;
    case 230400: return B230400;
    case 460800: return B460800;
    case 921600: return B921600;
    case 1000000: return B1000000;
    case 2000000: return B2000000;
    default: return B0;  // not a termios rate: leave the line's speed as it is
    }
}

[[noreturn]] void open_failed(const std::string& path, int error) {
    using Kind = LinkError::Kind;
    switch (error) {
    case ENOENT:
    case ENXIO:
    case ENODEV:
        throw LinkError(Kind::NotFound, path, "no terminal device " + path + " (" + std::strerror(error) + ")");
    case EACCES:
    case EPERM:
        throw LinkError(Kind::NoPermission, path,
                        "no permission to open " + path + " (is this user in the dialout group?)");
    case EBUSY:
        throw LinkError(Kind::Busy, path, "the port " + path + " is busy: another program holds it exclusively");
    default:
        throw LinkError(Kind::Io, path, "cannot open " + path + ": " + std::strerror(error));
    }
}

} // namespace

void make_raw_if_terminal(int fd, int baud, const std::string& port) {
    if (!::isatty(fd)) return;
    termios tio{};
    if (::tcgetattr(fd, &tio) != 0)
        throw LinkError(LinkError::Kind::Io, port, "the port " + port + ": tcgetattr failed: " + std::strerror(errno));
    ::cfmakeraw(&tio);
    tio.c_cflag |= CLOCAL | CREAD;  // ignore modem lines; receive
    tio.c_cflag &= ~static_cast<tcflag_t>(CSTOPB | PARENB | CRTSCTS);
    tio.c_iflag &= ~static_cast<tcflag_t>(IXON | IXOFF | IXANY);
    tio.c_cc[VMIN] = 1;  // poll() decides when to read; read() then takes what is there
    tio.c_cc[VTIME] = 0;
    if (const speed_t speed = speed_of(baud); speed != B0) ::cfsetspeed(&tio, speed);
    if (::tcsetattr(fd, TCSANOW, &tio) != 0)
        throw LinkError(LinkError::Kind::Io, port, "the port " + port + ": tcsetattr failed: " + std::strerror(errno));
}

bool is_pseudo_terminal(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISCHR(st.st_mode)) return false;
    const unsigned major_number = major(st.st_rdev);
    // Linux: Unix98 PTY slaves are majors 136..143 (/dev/pts/N); the multiplexer /dev/ptmx
    // is 5:2. (devices.txt in the kernel's documentation.)
    return (major_number >= 136 && major_number <= 143) || (major_number == 5 && minor(st.st_rdev) == 2);
}

FdTransport::FdTransport(int fd, std::string name, int baud) : read_fd_(fd), write_fd_(fd), name_(std::move(name)) {
    try {
        fd_io::make_non_blocking(fd, name_);
        make_raw_if_terminal(fd, baud, name_);
    } catch (...) {
        ::close(fd);
        throw;
    }
}

FdTransport::FdTransport(int read_fd, int write_fd, std::string name)
    : read_fd_(read_fd), write_fd_(write_fd), name_(std::move(name)) {
    try {
        fd_io::make_non_blocking(read_fd_, name_);
        fd_io::make_non_blocking(write_fd_, name_);
    } catch (...) {
        ::close(read_fd_);
        ::close(write_fd_);
        throw;
    }
}

FdTransport::~FdTransport() {
    ::close(read_fd_);
    if (write_fd_ != read_fd_) ::close(write_fd_);
}

std::unique_ptr<FdTransport> FdTransport::open_terminal(const std::string& path, int baud) {
    // O_NONBLOCK so the open itself cannot wait for a modem's carrier; O_NOCTTY so the
    // board's terminal never becomes the harness's controlling terminal.
    const int fd = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) open_failed(path, errno);
    if (!::isatty(fd)) {
        ::close(fd);
        throw LinkError(LinkError::Kind::NotFound, path, path + " is not a terminal device");
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        ::close(fd);
        if (error == EWOULDBLOCK)
            throw LinkError(LinkError::Kind::Busy, path, "the port " + path + " is busy: another program has it locked");
        open_failed(path, error);
    }
    return std::make_unique<FdTransport>(fd, path, baud);  // closes fd if it throws
}

void FdTransport::write(const std::uint8_t* data, std::size_t size, Deadline deadline) {
    fd_io::write(write_fd_, data, size, deadline, name_);
}

ReadResult FdTransport::read(std::uint8_t* buffer, std::size_t max, Deadline deadline) {
    return fd_io::read(read_fd_, buffer, max, deadline, name_);
}

} // namespace ringside::hil
