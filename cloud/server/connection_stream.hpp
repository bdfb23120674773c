#pragma once
// The httplib::Stream a worker serves one connection through: reads take the bytes the
// connection loop already buffered first, then the socket; every wait on the socket is
// bounded by `io_timeout`. Unlike httplib's own socket stream it does not refuse to write
// to a client that half-closed: a FIN after a complete request asks for its answer.
// Who may call: the worker the connection is handed to, on its thread.
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

private:
    // Waits for `events` on the socket until the I/O deadline; false when it did not come.
    bool wait_for(short events) const;
    // Reads more of the socket into the connection's buffer; false on timeout, error or EOF.
    bool read_more();

    Connection& c_;
    std::chrono::milliseconds io_timeout_;
};

} // namespace ringside::cloud
