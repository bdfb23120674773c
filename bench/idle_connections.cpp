// What idle connections cost `ringside cloud`: the metadata latency a new client sees, and
// the server's resident memory (VmRSS), with 0, 100, 250 and 500 connections held open and
// silent; then the resident memory as the journal fills past its cap (--journal-size).
// usage: ringside_bench_idle_connections RINGSIDE_BINARY [--journal-requests N]
// Starts its own `ringside cloud --port 0` and ends it. Every wait is bounded; the numbers
// are printed as a table (medians of 5 tries per row).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
constexpr const char* kMetadata = "GET /.well-known/oauth-authorization-server HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

int connect_to(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval limit{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
    if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        if (fd >= 0) ::close(fd);
        return -1;
    }
    const int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    return fd;
}

// One answer (head and Content-Length body) within `cap_ms`; false if it did not come.
bool read_answer(int fd, int cap_ms) {
    const auto deadline = Clock::now() + std::chrono::milliseconds(cap_ms);
    std::string got;
    char buf[4096];
    for (;;) {
        const auto end = got.find("\r\n\r\n");
        if (end != std::string::npos) {
            const auto cl = got.find("Content-Length: ");
            if (cl != std::string::npos && got.size() >= end + 4 + std::strtoul(got.c_str() + cl + 16, nullptr, 10)) return true;
        }
        const int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count());
        pollfd p{fd, POLLIN, 0};
        if (left <= 0 || ::poll(&p, 1, left) <= 0) return false;
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) return false;
        got.append(buf, static_cast<std::size_t>(n));
    }
}

// Milliseconds for a metadata request on a fresh connection; -1 when unanswered in 5 s.
double metadata_ms(int port) {
    const auto start = Clock::now();
    const int fd = connect_to(port);
    if (fd < 0) return -1;
    const bool ok = ::send(fd, kMetadata, std::strlen(kMetadata), MSG_NOSIGNAL) > 0 && read_answer(fd, 5000);
    ::close(fd);
    return ok ? std::chrono::duration<double, std::milli>(Clock::now() - start).count() : -1;
}

long rss_kib(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
    return -1;
}

struct Server {
    pid_t pid = -1;
    int port = -1;
};

Server start_cloud(const char* binary) {
    int out[2];
    if (::pipe(out) != 0) return {};
    Server s;
    s.pid = ::fork();
    if (s.pid == 0) {
        ::dup2(out[1], 1);
        ::close(out[0]);
        ::execl(binary, binary, "cloud", "--port", "0", static_cast<char*>(nullptr));
        std::_Exit(127);
    }
    ::close(out[1]);
    std::string text;
    char buf[256];
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    while (text.find("ready\n") == std::string::npos && Clock::now() < deadline) {
        pollfd p{out[0], POLLIN, 0};
        if (::poll(&p, 1, 200) <= 0) continue;
        const ssize_t n = ::read(out[0], buf, sizeof buf);
        if (n <= 0) break;
        text.append(buf, static_cast<std::size_t>(n));
    }
    const auto at = text.find("issuer http://127.0.0.1:");
    if (at != std::string::npos) s.port = std::atoi(text.c_str() + at + 24);
    return s;  // its stdout pipe stays open (and unread: it prints nothing more)
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s RINGSIDE_BINARY [--journal-requests N]\n", argv[0]);
        return 2;
    }
    long journal_requests = 200'000;
    for (int i = 2; i + 1 < argc; i += 2)
        if (std::string(argv[i]) == "--journal-requests") journal_requests = std::max(0L, std::atol(argv[i + 1]));
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);

    const Server cloud = start_cloud(argv[1]);
    if (cloud.port < 0) {
        std::fprintf(stderr, "ringside cloud did not start\n");
        return 1;
    }
    std::printf("%-18s %12s %12s %14s\n", "idle connections", "median_ms", "worst_ms", "server_rss_kib");
    std::vector<int> held;
    for (const int target : {0, 100, 250, 500}) {
        while (static_cast<int>(held.size()) < target) {
            const int fd = connect_to(cloud.port);
            if (fd < 0) break;
            held.push_back(fd);
        }
        ::usleep(200'000);  // let the server accept and park them all
        std::vector<double> ms;
        for (int i = 0; i < 5; ++i) ms.push_back(metadata_ms(cloud.port));
        std::sort(ms.begin(), ms.end());
        const bool lost = ms.front() < 0;
        std::printf("%-18zu %12.2f %12.2f %14ld%s\n", held.size(), lost ? -1.0 : ms[2], lost ? -1.0 : ms.back(),
                    rss_kib(cloud.pid), lost ? "  (some unanswered in 5 s)" : "");
    }
    for (const int fd : held) ::close(fd);

    // The journal: resident memory as requests pass the cap (default 100,000 entries).
    if (journal_requests > 0) {
        std::printf("\n%-18s %14s\n", "requests served", "server_rss_kib");
        int fd = connect_to(cloud.port);
        const long step = std::max(1L, journal_requests / 8);
        std::printf("%-18d %14ld\n", 0, rss_kib(cloud.pid));
        const auto deadline = Clock::now() + std::chrono::minutes(5);
        for (long done = 0; done < journal_requests && Clock::now() < deadline;) {
            if (::send(fd, kMetadata, std::strlen(kMetadata), MSG_NOSIGNAL) <= 0 || !read_answer(fd, 5000)) {
                // The server ends a connection after its Keep-Alive max: one reconnect is fine.
                ::close(fd);
                fd = connect_to(cloud.port);
                if (::send(fd, kMetadata, std::strlen(kMetadata), MSG_NOSIGNAL) <= 0 || !read_answer(fd, 5000)) {
                    std::fprintf(stderr, "a request went unanswered after %ld\n", done);
                    break;
                }
            }
            if (++done % step == 0) std::printf("%-18ld %14ld\n", done, rss_kib(cloud.pid));
        }
        ::close(fd);
    }
    ::kill(cloud.pid, SIGTERM);
    int status = 0;
    ::waitpid(cloud.pid, &status, 0);
    return 0;
}
