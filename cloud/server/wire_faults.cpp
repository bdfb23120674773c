#include "cloud/server/wire_faults.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdio>
#include <string>

#include <openssl/ssl.h>

#include "cloud/server/exchange_socket.hpp"

namespace ringside::cloud {
namespace {

const char* reason(int status) {
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return "";  // RFC 9112 §4: the reason phrase may be empty
    }
}

// Writes all of `bytes`, through TLS when the exchange has it. Stops at the first error: the
// peer is gone and the fault has done its work either way.
void send_all(int fd, const httplib::Request& request, const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        const std::size_t left = bytes.size() - sent;
        long n = 0;
        if (request.ssl) {
            // httplib hands handlers a const SSL; writing on it here is safe because httplib
            // does nothing with the connection until this handler returns.
            n = SSL_write(const_cast<SSL*>(request.ssl), bytes.data() + sent, static_cast<int>(left));
        } else {
            n = ::send(fd, bytes.data() + sent, left, MSG_NOSIGNAL);
        }
        if (n <= 0) return;
        sent += static_cast<std::size_t>(n);
    }
}

bool header_safe(const std::string& text) { return text.find_first_of("\r\n") == std::string::npos; }

// A real head, then a first chunk that is fine and a second whose size line is not hex.
std::string malformed_chunked(const CloudResponse& response) {
    std::string out = "HTTP/1.1 " + std::to_string(response.status) + " " + reason(response.status) + "\r\n";
    if (header_safe(response.content_type)) out += "Content-Type: " + response.content_type + "\r\n";
    for (const auto& [name, value] : response.headers)
        if (header_safe(name) && header_safe(value)) out += name + ": " + value + "\r\n";
    out += "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
    const std::string first = response.body.substr(0, response.body.size() / 2);
    if (!first.empty()) {  // an empty first chunk ("0") would end the body cleanly
        char size[24];
        std::snprintf(size, sizeof size, "%zx\r\n", first.size());
        out += size + first + "\r\n";
    }
    out += "zz\r\n" + response.body.substr(first.size()) + "\r\n";
    return out;
}

} // namespace

bool break_exchange(const CloudResponse& response, const httplib::Request& request) {
    const int fd = exchange_socket(request);
    if (fd < 0) return false;
    switch (response.broken) {
    case Break::None: return true;
    case Break::EmptyReply: break;  // the shutdown below is the whole fault: a FIN, no bytes
    case Break::Reset: {
        // Linux: connecting a TCP socket to AF_UNSPEC disconnects it with a RST (tcp_disconnect),
        // without closing the descriptor httplib still owns.
        sockaddr unspecified{};
        unspecified.sa_family = AF_UNSPEC;
        ::connect(fd, &unspecified, sizeof unspecified);
        return true;
    }
    case Break::RandomBytes:
        // Straight onto the socket, under TLS too: garbage below the record layer is what a
        // broken middlebox produces.
        for (std::size_t sent = 0; sent < response.body.size();) {
            const long n = ::send(fd, response.body.data() + sent, response.body.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) break;
            sent += static_cast<std::size_t>(n);
        }
        break;
    case Break::MalformedChunk: send_all(fd, request, malformed_chunked(response)); break;
    }
    ::shutdown(fd, SHUT_RDWR);
    return true;
}

bool hold_then_close(const httplib::Request& request, Millis at_most) {
    const int fd = exchange_socket(request);
    if (fd < 0) return false;
    const auto deadline = std::chrono::steady_clock::now() + at_most;
    // POLLRDHUP: the client closed its side (gave up). Each wait is bounded by the deadline;
    // a signal only shortens one wait.
    for (;;) {
        const auto left = std::chrono::duration_cast<Millis>(deadline - std::chrono::steady_clock::now());
        if (left <= Millis(0)) break;
        pollfd watch{fd, POLLRDHUP, 0};
        const int ready = ::poll(&watch, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
        if (ready > 0 && (watch.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) != 0) break;
    }
    ::shutdown(fd, SHUT_RDWR);
    return true;
}

} // namespace ringside::cloud
