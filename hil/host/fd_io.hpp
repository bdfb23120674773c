#pragma once
// Reading and writing a non-blocking file descriptor against a deadline (poll(2)): the one
// piece of I/O every transport shares (a PTY, a socket, a pipe, a serial port's handle).
// Internal to hil/host: transports call it; nobody else should.
#include <cstddef>
#include <cstdint>
#include <string>

#include "hil/host/byte_transport.hpp"

namespace ringside::hil::fd_io {

// Reads from `fd` as ByteTransport::read does; `port` names it in errors.
ReadResult read(int fd, std::uint8_t* buffer, std::size_t max, Deadline deadline, const std::string& port);

// Writes everything as ByteTransport::write does. A pipe whose reader is gone raises no
// SIGPIPE here (it is held off for this thread and swallowed): the caller gets Closed.
void write(int fd, const std::uint8_t* data, std::size_t size, Deadline deadline, const std::string& port);

// O_NONBLOCK (and FD_CLOEXEC) on `fd`; throws LinkError (Io) if the OS refuses.
void make_non_blocking(int fd, const std::string& port);

// Milliseconds left until `deadline` for poll(): rounded up (a wait never ends just short of
// it and spins), 0 once it has passed.
int poll_timeout(Deadline deadline);

// errno values that mean "the other end is gone" rather than a fault of ours.
bool is_hang_up(int error);

} // namespace ringside::hil::fd_io
