#pragma once
// The httplib::Stream a worker serves one connection through: reads take the bytes the
// connection loop already buffered first, then the socket; every wait on the socket is
// bounded by `io_timeout` and told to the loop (blocking_wait.hpp), which serves others
// meanwhile. Unlike httplib's own socket stream it does not refuse to write
// to a client that half-closed: a FIN after a complete request asks for its answer.
// Writes are gathered and sent together (an answer's head and body in one segment: two sends
// cost each token answer a second trip through loopback TCP and a second client wake-up),
// flushed before any wait for input (a 100 Continue must reach the client), when 64 KiB are
// waiting, and by flush(); write_through() sends at once from then on (a dribbled body).
// Who may call: the loop thread serving the connection, on its thread.
#include <httplib.h>

#include <chrono>

#include "cloud/server/connection.hpp"

namespace ringside::cloud {

class ConnectionStream final : public httplib::Stream {
public:
    ConnectionStream(Connection& connection, std::chrono::milliseconds io_timeout);

    bool is_readable() const override;
    bool is_writable() const override;
    ssize_t read(char* ptr, size_t size) override;
    ssize_t write(const char* ptr, size_t size) override;
    void get_remote_ip_and_port(std::string& ip, int& port) const override;
    void get_local_ip_and_port(std::string& ip, int& port) const override;
    socket_t socket() const override;

    // Sends what is gathered; false when the client cannot take it (the connection must close).
    bool flush();
    // Sends every later write at once (after sending what is gathered).
    void write_through();

private:
    ssize_t send_now(const char* ptr, size_t size);
    // Waits for `events` on the socket until the I/O deadline; false when it did not come.
    bool wait_for(short events) const;
    // Reads more of the socket into the connection's buffer; false on timeout, error or EOF.
    bool read_more();

    Connection& c_;
    std::chrono::milliseconds io_timeout_;
    std::string gathered_;
    bool through_ = false;
    bool failed_ = false;
};

} // namespace ringside::cloud
