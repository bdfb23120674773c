#pragma once
// From a parsed --port to an open transport: TCP for tcp:HOST:PORT, FdTransport for a
// pseudo-terminal (libserialport cannot open one), SerialTransport for everything else.
// Who may call: the CLI (`ringside hil ping`), the runner's HIL target.
#include <chrono>
#include <memory>

#include "hil/host/byte_transport.hpp"
#include "hil/host/port_spec.hpp"

namespace ringside::hil {

struct OpenOptions {
    int baud = 115200;                                           // serial ports; PTYs ignore it
    std::chrono::milliseconds connect_timeout = std::chrono::seconds(3);  // TCP only
};

// Throws LinkError: BadPortSpec (a bad baud rate), Unsupported (`emulator`: the caller must
// start the emulator and pass its PTY), NotFound, Busy, NoPermission, ConnectFailed, Io.
std::unique_ptr<ByteTransport> open_transport(const PortSpec& spec, const OpenOptions& options = {});

} // namespace ringside::hil
