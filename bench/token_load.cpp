// Load on a token endpoint: refresh-token grants over keep-alive loopback connections.
// usage: ringside_bench_token_load URL --connections N --requests N --seconds S
//          [--ringside-admin TOKEN]   (set up one refresh token per connection on a ringside cloud)
// Each connection follows its own rotation chain (the refresh token each answer returns is
// the next request's), as a fleet of speakers would, with one request in flight at a time
// (closed loop: N connections, N requests outstanding). Bounded by --requests and --seconds.
// Prints requests/s and latency percentiles (ms) of the 200 answers, and the error count.
//
// One thread drives every connection through epoll, as wrk does: on two cores the load
// generator's CPU is the server's too, and 64 blocking client threads cost more CPU (and
// more scheduling noise in the latencies) than the server under test.
#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

// The string value of `key` in a flat JSON answer. A plain scan, not std::regex: building a
// regex per answer cost the load generator more CPU than the server spent on the request.
std::string json_string(std::string_view body, std::string_view key) {
    const std::string quoted = "\"" + std::string(key) + "\"";
    std::size_t at = body.find(quoted);
    if (at == std::string::npos) return {};
    at = body.find(':', at + quoted.size());
    if (at == std::string::npos) return {};
    at = body.find('"', at + 1);
    if (at == std::string::npos) return {};
    const std::size_t end = body.find('"', at + 1);
    return end == std::string::npos ? std::string() : std::string(body.substr(at + 1, end - at - 1));
}

// A refresh token from a ringside cloud: device grant, approved through the admin API.
std::string ringside_refresh_token(httplib::Client& c, const std::string& admin) {
    auto code = c.Post("/oauth2/device_authorization", "client_id=ringside-speaker", "application/x-www-form-urlencoded");
    if (!code || code->status != 200) return {};
    const std::string device_code = json_string(code->body, "device_code");
    httplib::Headers auth{{"Authorization", "Bearer " + admin}};
    c.Post("/admin/approve", auth, "account=demo&user_code=" + json_string(code->body, "user_code"),
           "application/x-www-form-urlencoded");
    auto tokens = c.Post("/oauth2/token",
                         "grant_type=urn:ietf:params:oauth:grant-type:device_code&client_id=ringside-speaker&device_code=" +
                             device_code,
                         "application/x-www-form-urlencoded");
    return tokens && tokens->status == 200 ? json_string(tokens->body, "refresh_token") : std::string();
}

// Case-insensitive search for a header line's value in an HTTP head.
std::string_view header_value(std::string_view head, std::string_view name) {
    for (std::size_t line = head.find("\r\n"); line != std::string_view::npos; line = head.find("\r\n", line + 2)) {
        const std::size_t start = line + 2;
        if (head.size() - start < name.size() + 1) break;
        bool same = head[start + name.size()] == ':';
        for (std::size_t k = 0; same && k < name.size(); ++k)
            same = std::tolower(static_cast<unsigned char>(head[start + k])) == name[k];
        if (!same) continue;
        std::size_t v = start + name.size() + 1;
        while (v < head.size() && head[v] == ' ') ++v;
        const std::size_t end = head.find("\r\n", v);
        return head.substr(v, (end == std::string_view::npos ? head.size() : end) - v);
    }
    return {};
}

// How many bytes of `in` the first complete response takes, with its status and body; 0 while
// it is incomplete. Content-Length or chunked bodies.
std::size_t complete_response(const std::string& in, int& status, std::string& body) {
    const std::size_t head_end = in.find("\r\n\r\n");
    if (head_end == std::string::npos) return 0;
    const std::string_view head(in.data(), head_end);
    status = head.size() > 12 ? std::atoi(in.c_str() + 9) : 0;
    const std::size_t start = head_end + 4;
    if (const auto length = header_value(head, "content-length"); !length.empty()) {
        const std::size_t n = std::strtoul(std::string(length).c_str(), nullptr, 10);
        if (in.size() < start + n) return 0;
        body.assign(in, start, n);
        return start + n;
    }
    if (header_value(head, "transfer-encoding").find("chunked") == std::string_view::npos) {
        body.clear();  // no body
        return start;
    }
    body.clear();
    std::size_t at = start;
    for (;;) {
        const std::size_t line_end = in.find("\r\n", at);
        if (line_end == std::string::npos) return 0;
        const std::size_t n = std::strtoul(in.c_str() + at, nullptr, 16);
        if (in.size() < line_end + 2 + n + 2) return 0;
        if (n == 0) return line_end + 4;
        body.append(in, line_end + 2, n);
        at = line_end + 2 + n + 2;
    }
}

struct Chain {
    int fd = -1;
    std::string refresh, out, in;
    std::size_t written = 0;
    Clock::time_point sent;
};

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s URL [--connections N] [--requests N] [--seconds S] [--ringside-admin TOKEN]\n",
                     argv[0]);
        return 2;
    }
    const std::string url = argv[1];
    int connections = 4, requests = 20000;
    double seconds = 5;
    std::string admin;
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string a = argv[i], v = argv[i + 1];
        if (a == "--connections") connections = std::max(1, std::atoi(v.c_str()));
        else if (a == "--requests") requests = std::max(1, std::atoi(v.c_str()));
        else if (a == "--seconds") seconds = std::atof(v.c_str());
        else if (a == "--ringside-admin") admin = v;
    }
    const std::string authority = url.substr(url.find("://") + 3);
    const std::string host = authority.substr(0, authority.rfind(':'));
    const int port = std::atoi(authority.substr(authority.rfind(':') + 1).c_str());
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    if (inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1) {
        std::fprintf(stderr, "%s: only http://IPv4:PORT issuers (got %s)\n", argv[0], url.c_str());
        return 2;
    }
    const std::string path = admin.empty() ? "/token" : "/oauth2/token";

    int errors = 0;
    std::vector<Chain> chains(connections);
    {
        httplib::Client setup(url);
        setup.set_keep_alive(true);
        for (int t = 0; t < connections; ++t) {
            chains[t].refresh = admin.empty() ? "bench-token-" + std::to_string(t) : ringside_refresh_token(setup, admin);
            if (chains[t].refresh.empty()) ++errors;
        }
    }
    const int epoll_fd = epoll_create1(EPOLL_CLOEXEC);
    const auto send_next = [&](int t) {
        Chain& c = chains[t];
        const std::string body = "grant_type=refresh_token&client_id=ringside-speaker&refresh_token=" + c.refresh;
        c.out = "POST " + path + " HTTP/1.1\r\nHost: " + authority +
                "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + std::to_string(body.size()) +
                "\r\n\r\n" + body;
        c.written = 0;
        c.sent = Clock::now();
        const ssize_t n = ::send(c.fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
        if (n > 0) c.written = static_cast<std::size_t>(n);
        epoll_event e{};
        e.events = EPOLLIN | (c.written < c.out.size() ? static_cast<std::uint32_t>(EPOLLOUT) : 0u);
        e.data.u32 = static_cast<std::uint32_t>(t);
        epoll_ctl(epoll_fd, EPOLL_CTL_MOD, c.fd, &e);
    };
    const auto open_connection = [&](int t) {
        Chain& c = chains[t];
        c.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        const int on = 1;
        setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        if (::connect(c.fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) return false;
        int flags = 1;
        ioctl(c.fd, FIONBIO, &flags);
        c.in.clear();
        epoll_event e{};
        e.events = EPOLLIN;
        e.data.u32 = static_cast<std::uint32_t>(t);
        epoll_ctl(epoll_fd, EPOLL_CTL_ADD, c.fd, &e);
        return true;
    };

    int issued = 0;
    const auto start = Clock::now();
    const auto deadline = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    int in_flight = 0;
    for (int t = 0; t < connections; ++t) {
        if (chains[t].refresh.empty() || !open_connection(t)) continue;
        if (issued < requests) {
            ++issued, ++in_flight;
            send_next(t);
        }
    }
    std::vector<double> latencies;
    latencies.reserve(static_cast<std::size_t>(requests));
    std::vector<epoll_event> events(static_cast<std::size_t>(connections));
    char chunk[16384];
    std::string body;
    while (in_flight > 0) {
        const auto now = Clock::now();
        if (now >= deadline + std::chrono::seconds(5)) break;  // answers that never came: errors below
        const int n = epoll_wait(epoll_fd, events.data(), connections, 100);
        for (int k = 0; k < n; ++k) {
            const int t = static_cast<int>(events[k].data.u32);
            Chain& c = chains[t];
            if ((events[k].events & EPOLLOUT) && c.written < c.out.size()) {
                const ssize_t w = ::send(c.fd, c.out.data() + c.written, c.out.size() - c.written, MSG_NOSIGNAL);
                if (w > 0) c.written += static_cast<std::size_t>(w);
                if (c.written == c.out.size()) {
                    epoll_event e{};
                    e.events = EPOLLIN;
                    e.data.u32 = static_cast<std::uint32_t>(t);
                    epoll_ctl(epoll_fd, EPOLL_CTL_MOD, c.fd, &e);
                }
            }
            const ssize_t r = ::recv(c.fd, chunk, sizeof chunk, 0);
            if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
                ++errors, --in_flight;  // the server closed mid-request: reconnect, go on
                ::close(c.fd);
                if (Clock::now() < deadline && issued < requests && open_connection(t)) {
                    ++issued, ++in_flight;
                    send_next(t);
                }
                continue;
            }
            if (r < 0) continue;
            c.in.append(chunk, static_cast<std::size_t>(r));
            int status = 0;
            const std::size_t used = complete_response(c.in, status, body);
            if (used == 0) continue;
            const auto done = Clock::now();
            c.in.erase(0, used);
            --in_flight;
            if (status == 200) {
                latencies.push_back(std::chrono::duration<double, std::milli>(done - c.sent).count());
                if (std::string next = json_string(body, "refresh_token"); !next.empty()) c.refresh = std::move(next);
            } else {
                ++errors;
            }
            if (done < deadline && issued < requests) {
                ++issued, ++in_flight;
                send_next(t);
            }
        }
    }
    errors += in_flight;
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    for (auto& c : chains)
        if (c.fd >= 0) ::close(c.fd);
    ::close(epoll_fd);
    std::sort(latencies.begin(), latencies.end());
    const auto pct = [&](double p) {
        return latencies.empty() ? 0.0 : latencies[std::min(latencies.size() - 1, static_cast<std::size_t>(p * latencies.size()))];
    };
    std::printf("ok %zu errors %d seconds %.2f rps %.0f p50_ms %.3f p99_ms %.3f\n", latencies.size(), errors, elapsed,
                latencies.size() / elapsed, pct(0.50), pct(0.99));
    return latencies.empty() ? 1 : 0;
}
