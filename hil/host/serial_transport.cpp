#include "hil/host/serial_transport.hpp"

#include <libserialport.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <termios.h>

#include <cerrno>
#include <cstring>

#include "hil/host/fd_io.hpp"
#include "hil/host/link_error.hpp"
#include "hil/host/serial_ports.hpp"

namespace ringside::hil {
namespace {

using Kind = LinkError::Kind;

// sp_last_error_code() is only meaningful right after SP_ERR_FAIL (the OS's errno then).
int os_error(sp_return rc) { return rc == SP_ERR_FAIL ? sp_last_error_code() : 0; }

[[noreturn]] void open_failed(const std::string& name, sp_return rc) {
    const int error = os_error(rc);
    switch (error) {
    case ENOENT:
    case ENXIO:
    case ENODEV:
        throw LinkError(Kind::NotFound, name, "the serial port " + name + " is not there (" + std::strerror(error) + ")");
    case EACCES:
    case EPERM:
        throw LinkError(Kind::NoPermission, name,
                        "no permission to open " + name + " (is this user in the dialout group?)");
    case EBUSY:
        throw LinkError(Kind::Busy, name, "the serial port " + name + " is busy: another program holds it");
    case 0:
        throw LinkError(Kind::Io, name, "cannot open " + name + " (libserialport error " + std::to_string(rc) + ")");
    default:
        throw LinkError(Kind::Io, name, "cannot open " + name + ": " + std::strerror(error));
    }
}

// Frees the port (closing it first if open) unless release() was called: keeps the error
// paths of open() from leaking it.
struct PortGuard {
    sp_port* port = nullptr;
    bool opened = false;
    ~PortGuard() {
        if (!port) return;
        if (opened) sp_close(port);
        sp_free_port(port);
    }
    sp_port* release() {
        sp_port* p = port;
        port = nullptr;
        return p;
    }
};

void configure(sp_port* port, int baud, const std::string& name) {
    const auto check = [&](sp_return rc, const char* what) {
        if (rc == SP_OK) return;
        const int error = os_error(rc);
        throw LinkError(Kind::Io, name, "the serial port " + name + " refused " + what +
                                            (error ? std::string(": ") + std::strerror(error) : std::string()));
    };
    check(sp_set_baudrate(port, baud), ("a baud rate of " + std::to_string(baud)).c_str());
    check(sp_set_bits(port, 8), "8 data bits");
    check(sp_set_parity(port, SP_PARITY_NONE), "no parity");
    check(sp_set_stopbits(port, 1), "1 stop bit");
    check(sp_set_flowcontrol(port, SP_FLOWCONTROL_NONE), "no flow control");
}

} // namespace

std::unique_ptr<SerialTransport> SerialTransport::open(const std::string& name_or_usb_serial, int baud) {
    std::string why;
    const auto info = find_serial_port(name_or_usb_serial, why);
    if (!info) throw LinkError(Kind::NotFound, name_or_usb_serial, why);
    const std::string name =
        info->name == name_or_usb_serial ? info->name : info->name + " (USB serial " + name_or_usb_serial + ")";
    if (baud <= 0) throw LinkError(Kind::BadPortSpec, name, "bad baud rate " + std::to_string(baud) + " for " + name);

    PortGuard guard;
    if (sp_get_port_by_name(info->name.c_str(), &guard.port) != SP_OK)
        throw LinkError(Kind::NotFound, name, "the serial port " + name + " is not there any more");
    if (const sp_return rc = sp_open(guard.port, SP_MODE_READ_WRITE); rc != SP_OK) open_failed(name, rc);
    guard.opened = true;
    configure(guard.port, baud, name);

    int fd = -1;
    if (sp_get_port_handle(guard.port, &fd) != SP_OK || fd < 0)
        throw LinkError(Kind::Io, name, "libserialport gave no descriptor for " + name);
    // Exclusive: TIOCEXCL makes later open()s fail with EBUSY (root excepted); the flock
    // is what other harnesses and terminal programs (picocom, pyserial's exclusive) check.
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK)
        throw LinkError(Kind::Busy, name, "the serial port " + name + " is busy: another program has it locked");
    ::ioctl(fd, TIOCEXCL);
    fd_io::make_non_blocking(fd, name);
    // Bytes the board sent before we were listening (a boot banner, a half frame) would
    // only cost the first frame its CRC; drop them.
    ::tcflush(fd, TCIOFLUSH);
    return std::unique_ptr<SerialTransport>(new SerialTransport(guard.release(), fd, name));
}

SerialTransport::~SerialTransport() {
    sp_close(port_);
    sp_free_port(port_);
}

void SerialTransport::write(const std::uint8_t* data, std::size_t size, Deadline deadline) {
    fd_io::write(fd_, data, size, deadline, name_);
}

ReadResult SerialTransport::read(std::uint8_t* buffer, std::size_t max, Deadline deadline) {
    return fd_io::read(fd_, buffer, max, deadline, name_);
}

} // namespace ringside::hil
