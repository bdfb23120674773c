#pragma once
// A transport over file descriptors the caller already has, or a terminal opened by path:
// a pseudo-terminal (either end), a socketpair end, or a pipe pair. This is how CI reaches
// the board emulator: libserialport 0.1.1 cannot open pseudo-terminals (its open fails on
// the TIOCMGET ioctl and it wants a sysfs entry). A descriptor that is a terminal is put
// in raw mode (cfmakeraw: no echo, no CR/LF translation, no ^C/^S), which the binary
// frames need. Who may call: open_transport(), the harness that starts the emulator, tests.
#include <memory>
#include <string>

#include "hil/host/byte_transport.hpp"

namespace ringside::hil {

class FdTransport final : public ByteTransport {
public:
    // Adopts `fd` for reading and writing (a PTY end, a socket) and closes it when done.
    // `name` is what errors call the port; `baud` (bits per second) applies only to a
    // terminal with a line (a PTY ignores it). Throws LinkError (Io) if `fd` cannot be set up.
    FdTransport(int fd, std::string name, int baud = 115200);
    // A pipe pair: reads `read_fd`, writes `write_fd`; adopts and closes both.
    FdTransport(int read_fd, int write_fd, std::string name);
    ~FdTransport() override;
    FdTransport(const FdTransport&) = delete;
    FdTransport& operator=(const FdTransport&) = delete;

    // Opens a terminal device by path: a PTY slave (/dev/pts/3, or a symlink to one as
    // socat's link= makes), raw, at `baud` (bits per second; a PTY ignores it). Takes an
    // advisory exclusive lock (flock) so two harnesses cannot share a board. Throws
    // LinkError NotFound / NoPermission / Busy / Io naming `path`.
    static std::unique_ptr<FdTransport> open_terminal(const std::string& path, int baud = 115200);

    void write(const std::uint8_t* data, std::size_t size, Deadline deadline) override;
    ReadResult read(std::uint8_t* buffer, std::size_t max, Deadline deadline) override;
    const std::string& describe() const override { return name_; }

private:
    int read_fd_ = -1;
    int write_fd_ = -1;  // == read_fd_ unless a pipe pair
    std::string name_;
};

// True when `path` (after symlinks) is a Unix98 pseudo-terminal, master or slave: the
// devices libserialport cannot open, so open_transport() gives them to FdTransport.
bool is_pseudo_terminal(const std::string& path);

// Raw mode (cfmakeraw), 8N1, no flow control, at `baud` if the line has one, for a
// descriptor that is a terminal; a no-op for anything else. Throws LinkError (Io).
void make_raw_if_terminal(int fd, int baud, const std::string& port);

} // namespace ringside::hil
