#pragma once
// Loopback TCP connections to the HTTP cloud without any HTTP library in between, for the
// tests that must control every byte and every half of the connection: idle connections,
// stalled partial requests, half-closes. Every wait is bounded by a deadline.
// Who may call: the cloud_server tests, one thread per connection object.
#include <chrono>
#include <string>

namespace ringside::test {

class RawConnection {
public:
    // Connects to 127.0.0.1:`port`; connected() says whether it worked (no exception:
    // tests open hundreds and count the failures).
    explicit RawConnection(int port);
    ~RawConnection();
    RawConnection(RawConnection&& other) noexcept;
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;
    RawConnection& operator=(RawConnection&&) = delete;

    bool connected() const { return fd_ >= 0; }
    bool send(const std::string& bytes);
    // shutdown(SHUT_WR): the request is complete and nothing more will be sent.
    void half_close();
    // Reads one HTTP response (head, then a body of its Content-Length) or until the server
    // closes, whichever is first; "" when nothing arrived before `within` ran out.
    std::string read_response(std::chrono::milliseconds within);
    // Whether the server has closed this connection (EOF or reset) within `within`.
    bool closed_by_server(std::chrono::milliseconds within);

private:
    int fd_ = -1;
};

// The port of an issuer URL such as http://127.0.0.1:4711.
int port_of_issuer(const std::string& issuer);

// A GET of `path` as an HTTP/1.1 client sends it (`close`: with Connection: close).
std::string get_request(const std::string& path, bool close = false);

// Raises the soft RLIMIT_NOFILE to the hard limit; returns the soft limit now in force.
long raise_descriptor_limit();

} // namespace ringside::test
