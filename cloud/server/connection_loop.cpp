#include "cloud/server/connection_loop.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <list>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include <openssl/ssl.h>

#include "cloud/server/blocking_wait.hpp"
#include "cloud/server/request_readiness.hpp"

namespace ringside::cloud {
namespace {

using Clock = std::chrono::steady_clock;

// epoll tags that are not connections; connection ids start above them and are never reused,
// so an event that names a connection closed meanwhile finds nothing.
constexpr std::uint64_t kListenerTag = 1;
constexpr std::uint64_t kWakeTag = 2;
constexpr std::uint64_t kFirstConnectionId = 16;
// How often a worker wakes to close timed-out connections (timeouts are this coarse).
constexpr std::chrono::milliseconds kSweepEvery{250};
// Events one worker takes per wait: few, so that ready connections are spread over the
// workers rather than served one after another by the first to wake.
constexpr int kEventsPerWait = 1;
// After a failed accept that refusing cannot clear (the kernel out of memory or file
// slots), how long the loop stops accepting instead of spinning.
constexpr std::chrono::milliseconds kAcceptPause{100};

void numeric_name(const sockaddr_storage& address, socklen_t length, std::string& ip, int& port) {
    char host[NI_MAXHOST], service[NI_MAXSERV];
    if (getnameinfo(reinterpret_cast<const sockaddr*>(&address), length, host, sizeof host, service, sizeof service,
                    NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
        ip = host;
        port = std::atoi(service);
    }
}

} // namespace

struct ConnectionLoop::Impl {
    int listen_fd;
    SSL_CTX* tls;
    ConnectionLimits limits;
    ServeOne serve_one;
    int epoll_fd = -1, wake_fd = -1;
    // Kept open so that, out of descriptors, the loop can still accept a client to close it
    // rather than leave it hanging in the backlog.
    int spare_fd = -1;
    std::atomic<bool> stopping{false};

    // Under `accept_mutex` (the listener is one-shot: one worker accepts at a time).
    std::mutex accept_mutex;
    bool accepting = true;
    Clock::time_point resume_accepting;
    // The first worker past it sweeps, and moves it on.
    std::atomic<Clock::rep> next_sweep{0};

    // Under `mutex`. A connection is either parked (in `idle` or `partial`, armed in epoll)
    // or owned by the one worker its one-shot event went to (in neither list, disarmed).
    // Only parked connections are closed by others (timeouts, eviction).
    std::mutex mutex;
    std::unordered_map<std::uint64_t, std::unique_ptr<Connection>> open;
    std::uint64_t next_id = kFirstConnectionId;
    std::list<Connection*> idle, partial;  // parked, oldest first
    bool workers_stop = false;
    std::vector<std::thread> workers;      // run()'s own thread is not among them
    int waiting_workers = 0;               // inside a BlockingWait

    // Caller holds `mutex`.
    void start_worker() {
        workers.emplace_back([this] { work_loop(); });
    }

    int worker_count() const { return static_cast<int>(workers.size()) + 1; }

    void worker_waits(bool waiting) {
        std::lock_guard<std::mutex> lock(mutex);
        waiting_workers += waiting ? 1 : -1;
        const int free = worker_count() - waiting_workers;
        if (waiting && !workers_stop && free < limits.workers && worker_count() < limits.max_workers) start_worker();
    }

    void watch(int fd, std::uint64_t tag, std::uint32_t events, int op) {
        epoll_event e{};
        e.events = events;
        e.data.u64 = tag;
        epoll_ctl(epoll_fd, op, fd, &e);
    }

    // Caller holds `mutex`, and so the connection is in a list before it is armed, and armed
    // before anyone could close it.
    void park(Connection* c) {
        const auto now = Clock::now();
        if (c->unconsumed().empty()) {
            c->compact();
            c->partial = false;
            c->since = now;
            c->parked_at = idle.insert(idle.end(), c);
        } else {
            if (!c->partial) c->since = now;  // a request's head_timeout runs from its first byte
            c->partial = true;
            c->parked_at = partial.insert(partial.end(), c);
        }
        watch(c->fd, c->id, EPOLLIN | EPOLLRDHUP | EPOLLONESHOT, c->registered ? EPOLL_CTL_MOD : EPOLL_CTL_ADD);
        c->registered = true;
    }

    void unpark(Connection* c) { (c->partial ? partial : idle).erase(c->parked_at); }

    // Caller holds `mutex`. Closing the descriptor takes it out of the epoll set; an event
    // for it already taken by a worker names an id no longer open.
    void close_parked(Connection* c) {
        unpark(c);
        open.erase(c->id);
    }

    // Makes room for one more connection: the one idle longest, else the partial request
    // waiting longest. False when every connection is being served. Caller holds `mutex`.
    bool evict_one() {
        if (!idle.empty()) {
            close_parked(idle.front());
            return true;
        }
        if (!partial.empty()) {
            close_parked(partial.front());
            return true;
        }
        return false;
    }

    bool evict_locked() {
        std::lock_guard<std::mutex> lock(mutex);
        return evict_one();
    }

    void admit(int fd, const sockaddr_storage& peer, socklen_t peer_length) {
        const int on = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        SSL* ssl = nullptr;
        if (tls) {
            ssl = SSL_new(tls);
            if (!ssl || SSL_set_fd(ssl, fd) != 1) {
                if (ssl) SSL_free(ssl);
                ::close(fd);
                return;
            }
            SSL_set_accept_state(ssl);
        } else {
            // Plain sockets stay blocking while served, every wait bounded by the kernel.
            timeval t{static_cast<time_t>(limits.io_timeout.count() / 1000),
                      static_cast<suseconds_t>(limits.io_timeout.count() % 1000 * 1000)};
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &t, sizeof t);
            setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &t, sizeof t);
        }
        auto c = std::make_unique<Connection>(fd, ssl);
        numeric_name(peer, peer_length, c->remote_ip, c->remote_port);
        sockaddr_storage local{};
        socklen_t local_length = sizeof local;
        if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_length) == 0)
            numeric_name(local, local_length, c->local_ip, c->local_port);
        Connection* raw = c.get();
        std::lock_guard<std::mutex> lock(mutex);
        raw->id = next_id++;
        open.emplace(raw->id, std::move(c));
        park(raw);
    }

    // Out of descriptors with nothing to evict: take one client off the backlog with the
    // spare descriptor and close it, so it sees a close instead of a hang.
    void refuse_one() {
        if (spare_fd >= 0) ::close(spare_fd);
        const int fd = accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd >= 0) ::close(fd);
        spare_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    }

    // The listener's one-shot event went to this worker: accept, then arm it again unless
    // accepting must pause.
    void accept_ready() {
        std::lock_guard<std::mutex> guard(accept_mutex);
        // Bounded per wake-up, so parked connections with data are not starved by a flood.
        for (int i = 0; i < 256; ++i) {
            sockaddr_storage peer{};
            socklen_t peer_length = sizeof peer;
            const int fd = accept4(listen_fd, reinterpret_cast<sockaddr*>(&peer), &peer_length,
                                   SOCK_CLOEXEC | (tls ? SOCK_NONBLOCK : 0));
            if (fd < 0) {
                if (errno == EINTR || errno == ECONNABORTED || errno == EPROTO) continue;
                if (errno == EAGAIN || errno == EWOULDBLOCK) break;
                if ((errno == EMFILE || errno == ENFILE) && evict_locked()) continue;
                if (errno == EMFILE || errno == ENFILE) refuse_one();
                accepting = false;  // the sweep arms the listener again
                resume_accepting = Clock::now() + kAcceptPause;
                return;
            }
            bool room = true;
            {
                std::lock_guard<std::mutex> lock(mutex);
                room = open.size() < limits.max_connections || evict_one();
            }
            if (!room) {
                ::close(fd);  // every connection is mid-request: this one must wait its turn
                continue;
            }
            admit(fd, peer, peer_length);
        }
        watch(listen_fd, kListenerTag, EPOLLIN | EPOLLONESHOT, EPOLL_CTL_MOD);
    }

    // A parked connection's one-shot event went to this worker: read, serve what is
    // complete, park it again (or close it).
    void on_readable(std::uint64_t id) {
        Connection* c = nullptr;
        {
            std::lock_guard<std::mutex> lock(mutex);
            const auto found = open.find(id);
            if (found == open.end()) return;  // closed by a sweep or an eviction meanwhile
            c = found->second.get();
            unpark(c);
        }
        // Out of every list and disarmed: this thread alone has it now.
        const Connection::Fill fill = c->fill();
        bool keep = true;
        if (fill == Connection::Fill::Closed) keep = false;
        else if (fill == Connection::Fill::Progress && request_ready(c->unconsumed())) keep = serve_buffered(*c);
        else if (c->peer_closed) keep = false;  // half a request, and no more will come
        std::unique_ptr<Connection> closing;
        {
            std::lock_guard<std::mutex> lock(mutex);
            if (keep) {
                park(c);
            } else {
                const auto owned = open.find(id);
                closing = std::move(owned->second);
                open.erase(owned);
            }
        }
        // `closing` ends the TLS session and closes the socket here, outside the lock.
    }

    // Serves every complete request buffered (one read's worth, at most kMaxBuffered bytes,
    // so a pipelining client's turn is bounded). Whether the connection stays open.
    bool serve_buffered(Connection& c) {
        for (;;) {
            bool keep = false;
            try {
                keep = serve_one(c);
            } catch (...) {
                keep = false;  // httplib answered what it could; the connection is not trusted
            }
            ++c.served;
            c.compact();
            if (!keep || stopping) return false;
            if (!request_ready(c.unconsumed())) return !c.peer_closed;
        }
    }

    void sweep() {
        const auto now = Clock::now();
        auto due = next_sweep.load();
        if (now.time_since_epoch().count() < due) return;
        if (!next_sweep.compare_exchange_strong(due, (now + kSweepEvery).time_since_epoch().count())) return;
        {
            std::lock_guard<std::mutex> guard(accept_mutex);
            if (!accepting && now >= resume_accepting) {
                accepting = true;
                watch(listen_fd, kListenerTag, EPOLLIN | EPOLLONESHOT, EPOLL_CTL_MOD);
            }
        }
        std::lock_guard<std::mutex> lock(mutex);
        while (!idle.empty() && now - idle.front()->since >= limits.idle_timeout) close_parked(idle.front());
        for (auto it = partial.begin(); it != partial.end();) {
            Connection* c = *it++;
            if (now - c->since >= limits.head_timeout) close_parked(c);
        }
    }

    // One worker, run()'s thread among them: wait for readiness, serve it, until stop().
    void work_loop() {
        BlockingWait::on_this_thread([this](bool waiting) { worker_waits(waiting); });
        std::array<epoll_event, kEventsPerWait> events;
        while (!stopping) {
            const int n = epoll_wait(epoll_fd, events.data(), kEventsPerWait, static_cast<int>(kSweepEvery.count()));
            if (n < 0 && errno != EINTR) {
                stopping = true;  // the epoll set is gone: no worker can go on
                break;
            }
            for (int k = 0; k < n; ++k) {
                const std::uint64_t tag = events[k].data.u64;
                if (tag == kListenerTag) accept_ready();
                else if (tag != kWakeTag) on_readable(tag);  // the wake: the loop condition ends it
            }
            sweep();
        }
        BlockingWait::on_this_thread(nullptr);
    }
};

ConnectionLoop::ConnectionLoop(int listen_fd, SSL_CTX* tls, ConnectionLimits limits, ServeOne serve_one)
    : impl_(std::make_unique<Impl>()) {
    impl_->listen_fd = listen_fd;
    impl_->tls = tls;
    impl_->limits = limits;
    if (limits.workers <= 0) impl_->limits.workers = std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
    impl_->serve_one = std::move(serve_one);
    // Made here, not in run(): stop() may come from another thread before run() begins.
    impl_->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
    impl_->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

ConnectionLoop::~ConnectionLoop() {
    Impl& i = *impl_;
    if (i.epoll_fd >= 0) ::close(i.epoll_fd);
    if (i.wake_fd >= 0) ::close(i.wake_fd);
    if (i.spare_fd >= 0) ::close(i.spare_fd);
}

bool ConnectionLoop::run() {
    Impl& i = *impl_;
    if (i.epoll_fd < 0 || i.wake_fd < 0) return false;
    i.spare_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    fcntl(i.listen_fd, F_SETFL, fcntl(i.listen_fd, F_GETFL) | O_NONBLOCK);
    i.watch(i.listen_fd, kListenerTag, EPOLLIN | EPOLLONESHOT, EPOLL_CTL_ADD);
    // Level-triggered and never read: once stop() writes it, every worker's wait returns.
    i.watch(i.wake_fd, kWakeTag, EPOLLIN, EPOLL_CTL_ADD);
    {
        std::lock_guard<std::mutex> lock(i.mutex);
        for (int w = 1; w < i.limits.workers; ++w) i.start_worker();
    }
    i.work_loop();
    // A worker finishes the request it is on: every wait there is bounded (faults: 2 min).
    // None starts another once workers_stop is set, so the list is final here.
    std::vector<std::thread> workers;
    {
        std::lock_guard<std::mutex> lock(i.mutex);
        i.workers_stop = true;
        workers.swap(i.workers);
    }
    for (auto& w : workers) w.join();
    i.open.clear();  // parked or just served alike: every connection is closed
    return true;
}

void ConnectionLoop::stop() {
    impl_->stopping = true;
    if (impl_->wake_fd >= 0) {
        const std::uint64_t one = 1;
        (void)!::write(impl_->wake_fd, &one, sizeof one);
    }
}

} // namespace ringside::cloud
