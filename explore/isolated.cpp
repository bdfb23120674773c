#include "explore/isolated.hpp"

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <deque>
#include <stdexcept>

namespace ringside::explore {
namespace {

struct Child {
    pid_t pid = -1;
    int fd = -1;
    std::size_t next = 0, end = 0;  // the task it is on, and its chunk's end
};

std::string how_it_ended(int status) {
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        const char* name = strsignal(sig);
        return "signal " + std::to_string(sig) + " (" + (name ? name : "?") + ")";
    }
    return "exit status " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

Child start(std::size_t from, std::size_t end, const std::function<std::uint8_t(std::size_t)>& task) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (pid == 0) {
        close(fds[0]);
        for (std::size_t i = from; i < end; ++i) {
            const std::uint8_t code = task(i);
            if (write(fds[1], &code, 1) != 1) _exit(3);
        }
        _exit(0);  // no destructors, no atexit: the parent owns everything
    }
    close(fds[1]);
    return Child{pid, fds[0], from, end};
}

} // namespace

std::vector<Outcome> run_isolated(std::size_t count, int jobs, std::size_t chunk,
                                  const std::function<std::uint8_t(std::size_t)>& task,
                                  const std::function<void(std::size_t, const Outcome&)>& progress) {
    std::vector<Outcome> outcomes(count);
    std::deque<std::pair<std::size_t, std::size_t>> chunks;
    for (std::size_t i = 0; i < count; i += chunk) chunks.emplace_back(i, std::min(count, i + chunk));
    std::vector<Child> children;
    std::size_t done = 0;
    while (!chunks.empty() || !children.empty()) {
        while (!chunks.empty() && static_cast<int>(children.size()) < std::max(1, jobs)) {
            children.push_back(start(chunks.front().first, chunks.front().second, task));
            chunks.pop_front();
        }
        std::vector<pollfd> fds;
        for (const Child& c : children) fds.push_back({c.fd, POLLIN, 0});
        if (poll(fds.data(), fds.size(), -1) < 0 && errno != EINTR) throw std::runtime_error("poll failed");
        for (std::size_t k = children.size(); k-- > 0;) {
            if (!(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            Child& c = children[k];
            std::uint8_t buffer[256];
            const ssize_t n = read(c.fd, buffer, sizeof buffer);
            for (ssize_t b = 0; b < n; ++b) {
                outcomes[c.next].code = buffer[b];
                if (progress) progress(++done, outcomes[c.next]);
                ++c.next;
            }
            if (n > 0) continue;
            // The child closed its end: it finished its chunk, or died on task `next`.
            close(c.fd);
            int status = 0;
            waitpid(c.pid, &status, 0);
            if (c.next < c.end) {
                outcomes[c.next] = Outcome{kCrashed, how_it_ended(status)};
                if (progress) progress(++done, outcomes[c.next]);
                if (c.next + 1 < c.end) chunks.emplace_front(c.next + 1, c.end);
            }
            children.erase(children.begin() + static_cast<std::ptrdiff_t>(k));
        }
    }
    return outcomes;
}

Outcome run_one_isolated(const std::function<std::uint8_t()>& task) {
    return run_isolated(1, 1, 1, [&](std::size_t) { return task(); })[0];
}

} // namespace ringside::explore
