#pragma once
// A one-shot listening socket on loopback for a board that dials the host: QEMU's serial
// port in client mode (`-serial tcp:127.0.0.1:PORT`) connects to it as it starts. Listening
// first and handing the child the port the kernel chose leaves no window in which another
// process could take the port, as picking a "free" port for the child to listen on would.
// Who may call: QemuProcess, tests; one thread.
#include <functional>
#include <memory>
#include <string>

#include "hil/host/tcp_transport.hpp"

namespace ringside::hil {

class TcpListener {
public:
    // Listens on 127.0.0.1 at a port the kernel picks. Throws LinkError (Io) naming `port_name`
    // (the port as the user wrote it, e.g. "qemu") when no socket can be had.
    explicit TcpListener(std::string port_name);
    ~TcpListener();
    TcpListener(const TcpListener&) = delete;
    TcpListener& operator=(const TcpListener&) = delete;

    std::uint16_t port() const { return port_; }

    // The first connection by `deadline`, as a transport named after the port the user wrote;
    // nullptr at the deadline, or as soon as `give_up()` says waiting is pointless (the child
    // that was to dial has exited). Looks at `give_up` every few milliseconds.
    std::unique_ptr<TcpTransport> accept(Deadline deadline, const std::function<bool()>& give_up);

private:
    std::string port_name_;
    int fd_ = -1;
    std::uint16_t port_ = 0;
};

} // namespace ringside::hil
