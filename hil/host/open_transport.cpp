#include "hil/host/open_transport.hpp"

#include <sys/stat.h>

#include "hil/host/fd_transport.hpp"
#include "hil/host/link_error.hpp"
#include "hil/host/serial_transport.hpp"
#include "hil/host/tcp_transport.hpp"

namespace ringside::hil {

std::unique_ptr<ByteTransport> open_transport(const PortSpec& spec, const OpenOptions& options) {
    if (options.baud <= 0)
        throw LinkError(LinkError::Kind::BadPortSpec, spec.text, "bad baud rate " + std::to_string(options.baud) +
                                                                     " for " + spec.text + ": expected e.g. 115200");
    switch (spec.kind) {
    case PortSpec::Kind::Tcp: return TcpTransport::connect(spec.host, spec.tcp_port, options.connect_timeout);
    case PortSpec::Kind::Emulator:
    case PortSpec::Kind::Qemu:
        throw LinkError(LinkError::Kind::Unsupported, spec.text,
                        "--port " + spec.text + " is a board the harness starts itself (BoardStarts), not a port to open");
    case PortSpec::Kind::DevicePath: {
        if (is_pseudo_terminal(spec.path)) return FdTransport::open_terminal(spec.path, options.baud);
        struct stat st {};
        if (::stat(spec.path.c_str(), &st) != 0)
            throw LinkError(LinkError::Kind::NotFound, spec.text,
                            "no serial device " + spec.path + " (see 'ringside hil ports')");
        return SerialTransport::open(spec.path, options.baud);
    }
    case PortSpec::Kind::NameOrSerial: return SerialTransport::open(spec.path, options.baud);
    }
    throw LinkError(LinkError::Kind::BadPortSpec, spec.text, "bad --port '" + spec.text + "'");
}

} // namespace ringside::hil
