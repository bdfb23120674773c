#include "cloud/server/connection_loop.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <deque>
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

// epoll tags that are not connections (a Connection* is never 1 or 2).
constexpr std::uint64_t kListenerTag = 1;
constexpr std::uint64_t kWakeTag = 2;
// How often the loop wakes to close timed-out connections (timeouts are this coarse).
constexpr std::chrono::milliseconds kSweepEvery{250};
// Requests served back to back on one connection before it goes through the loop again,
// so one pipelining client cannot keep a worker to itself.
constexpr int kRequestsPerTurn = 64;
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

    // The loop thread's alone.
    bool accepting = true;
    Clock::time_point resume_accepting, last_sweep;

    // Under `mutex`: workers park and close the connections they served themselves (no
    // hand-back through the loop, which would cost a thread wake-up per request).
    std::mutex mutex;
    std::unordered_map<Connection*, std::unique_ptr<Connection>> open;
    std::list<Connection*> idle, partial;  // parked, oldest first; only the loop closes these
    // Closed by the loop while parked: freed at the end of the loop's event batch, where a
    // later event of the same batch may still name them.
    std::vector<std::unique_ptr<Connection>> closed_this_batch;
    std::condition_variable work;
    std::deque<Connection*> ready;                     // a complete request each, for a worker
    bool workers_stop = false;
    std::vector<std::thread> workers;
    int waiting_workers = 0;  // inside a BlockingWait

    // Caller holds `mutex`.
    void start_worker() {
        workers.emplace_back([this] {
            BlockingWait::on_this_thread([this](bool waiting) { worker_waits(waiting); });
            work_loop();
        });
    }

    void worker_waits(bool waiting) {
        std::lock_guard<std::mutex> lock(mutex);
        waiting_workers += waiting ? 1 : -1;
        const int free = static_cast<int>(workers.size()) - waiting_workers;
        if (waiting && !workers_stop && free < limits.workers && static_cast<int>(workers.size()) < limits.max_workers)
            start_worker();
    }

    void watch(int fd, std::uint64_t tag, std::uint32_t events, int op) {
        epoll_event e{};
        e.events = events;
        e.data.u64 = tag;
        epoll_ctl(epoll_fd, op, fd, &e);
    }

    // Caller holds `mutex`. The connection is in the lists before it is armed, so the loop
    // never sees an event for a connection it cannot find.
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
        epoll_event e{};
        e.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
        e.data.ptr = c;
        epoll_ctl(epoll_fd, c->registered ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, c->fd, &e);
        c->registered = true;
    }

    void unpark(Connection* c) { (c->partial ? partial : idle).erase(c->parked_at); }

    // Caller holds `mutex`. Closes now (the descriptor is free at once); the object lives to
    // the end of the loop's batch.
    void close(Connection* c, bool was_parked) {
        if (was_parked) unpark(c);
        c->dead = true;
        c->close_now();
        auto owned = open.find(c);
        closed_this_batch.push_back(std::move(owned->second));
        open.erase(owned);
    }

    // Caller holds `mutex`; notifies a worker after unlocking.
    void dispatch(Connection* c) {
        c->partial = false;
        ready.push_back(c);
    }

    // Makes room for one more connection: the one idle longest, else the partial request
    // waiting longest. False when every connection is being served.
    bool evict_one() {
        if (!idle.empty()) {
            close(idle.front(), true);
            return true;
        }
        if (!partial.empty()) {
            close(partial.front(), true);
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
            // Plain sockets stay blocking for the workers, every wait bounded by the kernel.
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
        open.emplace(raw, std::move(c));
        park(raw);
    }

    void pause_accepting() {
        accepting = false;
        resume_accepting = Clock::now() + kAcceptPause;
        watch(listen_fd, kListenerTag, 0, EPOLL_CTL_MOD);
    }

    // Out of descriptors with nothing to evict: take one client off the backlog with the
    // spare descriptor and close it, so it sees a close instead of a hang.
    void refuse_one() {
        if (spare_fd >= 0) ::close(spare_fd);
        const int fd = accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd >= 0) ::close(fd);
        spare_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    }

    void accept_ready() {
        // Bounded per wake-up, so parked connections with data are not starved by a flood.
        for (int i = 0; i < 256; ++i) {
            sockaddr_storage peer{};
            socklen_t peer_length = sizeof peer;
            const int fd = accept4(listen_fd, reinterpret_cast<sockaddr*>(&peer), &peer_length,
                                   SOCK_CLOEXEC | (tls ? SOCK_NONBLOCK : 0));
            if (fd < 0) {
                if (errno == EINTR || errno == ECONNABORTED || errno == EPROTO) continue;
                if (errno == EAGAIN || errno == EWOULDBLOCK) return;
                if ((errno == EMFILE || errno == ENFILE) && evict_locked()) continue;
                if (errno == EMFILE || errno == ENFILE) refuse_one();
                pause_accepting();
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
    }

    void on_readable(Connection* c) {
        {
            std::lock_guard<std::mutex> lock(mutex);
            if (c->dead) return;
            unpark(c);
        }
        // Out of every list and disarmed (one-shot): this thread alone has it now.
        const Connection::Fill fill = c->fill();
        bool wake_worker = false;
        {
            std::lock_guard<std::mutex> lock(mutex);
            if (fill == Connection::Fill::Closed) {
                close(c, false);
            } else if (fill == Connection::Fill::Progress && request_ready(c->unconsumed())) {
                dispatch(c);
                wake_worker = true;
            } else if (c->peer_closed) {
                close(c, false);  // half a request, and no more will come
            } else {
                park(c);
            }
        }
        if (wake_worker) work.notify_one();
    }

    void sweep() {
        const auto now = Clock::now();
        if (!accepting && now >= resume_accepting) {
            accepting = true;
            watch(listen_fd, kListenerTag, EPOLLIN, EPOLL_CTL_MOD);
        }
        if (now - last_sweep < kSweepEvery) return;
        last_sweep = now;
        std::lock_guard<std::mutex> lock(mutex);
        while (!idle.empty() && now - idle.front()->since >= limits.idle_timeout) close(idle.front(), true);
        for (auto it = partial.begin(); it != partial.end();) {
            Connection* c = *it++;
            if (now - c->since >= limits.head_timeout) close(c, true);
        }
    }

    // One worker: complete requests in, connections back to the loop.
    void work_loop() {
        for (;;) {
            Connection* c = nullptr;
            {
                std::unique_lock<std::mutex> lock(mutex);
                work.wait(lock, [&] { return workers_stop || !ready.empty(); });
                if (workers_stop) return;
                c = ready.front();
                ready.pop_front();
            }
            const bool keep = serve_turn(*c);
            std::unique_lock<std::mutex> lock(mutex);
            if (!keep) {
                c->close_now();
                open.erase(c);  // no event can name it: it was disarmed when it became ready
            } else if (request_ready(c->unconsumed())) {
                ready.push_back(c);  // pipelined past its turn: no event will come for these bytes
                lock.unlock();
                work.notify_one();
            } else {
                park(c);
            }
        }
    }

    // Whether the connection stays open after serving what it has buffered.
    bool serve_turn(Connection& c) {
        for (int i = 0; i < kRequestsPerTurn; ++i) {
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
        return true;
    }
};

ConnectionLoop::ConnectionLoop(int listen_fd, SSL_CTX* tls, ConnectionLimits limits, ServeOne serve_one)
    : impl_(std::make_unique<Impl>()) {
    impl_->listen_fd = listen_fd;
    impl_->tls = tls;
    impl_->limits = limits;
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
    i.watch(i.listen_fd, kListenerTag, EPOLLIN, EPOLL_CTL_ADD);
    i.watch(i.wake_fd, kWakeTag, EPOLLIN, EPOLL_CTL_ADD);
    {
        std::lock_guard<std::mutex> lock(i.mutex);
        for (int w = 0; w < i.limits.workers; ++w) i.start_worker();
    }

    std::vector<epoll_event> events(256);
    while (!i.stopping) {
        const int n = epoll_wait(i.epoll_fd, events.data(), static_cast<int>(events.size()),
                                 static_cast<int>(kSweepEvery.count()));
        if (n < 0 && errno != EINTR) break;
        for (int k = 0; k < n; ++k) {
            const std::uint64_t tag = events[k].data.u64;
            if (tag == kListenerTag) i.accept_ready();
            else if (tag == kWakeTag) continue;  // stop(): the loop condition ends it
            else i.on_readable(static_cast<Connection*>(events[k].data.ptr));
        }
        i.sweep();
        std::vector<std::unique_ptr<Connection>> freed;
        {
            std::lock_guard<std::mutex> lock(i.mutex);
            freed.swap(i.closed_this_batch);
        }
    }
    {
        std::lock_guard<std::mutex> lock(i.mutex);
        i.workers_stop = true;
    }
    i.work.notify_all();
    // A worker finishes the request it is on: every wait there is bounded (faults: 2 min).
    // No worker starts another once workers_stop is set, so the list is final here.
    std::vector<std::thread> workers;
    {
        std::lock_guard<std::mutex> lock(i.mutex);
        workers.swap(i.workers);
    }
    for (auto& w : workers) w.join();
    i.open.clear();  // parked, queued and returned alike: every connection is closed
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
