#pragma once
// A transport to a network serial server (`--port tcp:HOST:PORT`): labs share boards
// through ser2net (use its raw mode: telnet/RFC 2217 negotiation bytes would reach the
// frame decoder as garbage) or the board emulator listening on a socket. Who may call:
// open_transport(), tests.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "hil/host/byte_transport.hpp"

namespace ringside::hil {

class TcpTransport final : public ByteTransport {
public:
    // Connects to `host` (a name, an IPv4 or an IPv6 address without brackets) at `port`,
    // trying each address the resolver gives until one accepts, all within `timeout`
    // (real time; a name lookup itself is as slow as the resolver is). Sets TCP_NODELAY
    // (frames are small and latency matters more than packets) and short keep-alives, so
    // a server that vanished without a FIN reads as Closed within about 11 s.
    // Throws LinkError: NotFound (the name does not resolve), ConnectFailed (refused,
    // unreachable, or not accepted within `timeout`), Io.
    static std::unique_ptr<TcpTransport> connect(const std::string& host, std::uint16_t port,
                                                 std::chrono::milliseconds timeout = std::chrono::seconds(3));
    // A connected socket someone else made (TcpListener::accept), with the same options.
    static std::unique_ptr<TcpTransport> adopt(int fd, std::string name);
    ~TcpTransport() override;
    TcpTransport(const TcpTransport&) = delete;
    TcpTransport& operator=(const TcpTransport&) = delete;

    void write(const std::uint8_t* data, std::size_t size, Deadline deadline) override;
    ReadResult read(std::uint8_t* buffer, std::size_t max, Deadline deadline) override;
    const std::string& describe() const override { return name_; }  // "tcp:HOST:PORT"

private:
    TcpTransport(int fd, std::string name) : fd_(fd), name_(std::move(name)) {}
    int fd_ = -1;
    std::string name_;
};

// "tcp:127.0.0.1:4001", "tcp:[::1]:4001": how a TCP port is written back to the user.
std::string tcp_port_name(const std::string& host, std::uint16_t port);

} // namespace ringside::hil
