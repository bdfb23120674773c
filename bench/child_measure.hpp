#pragma once
// For benchmarks that compare sizes: runs one measurement in a child process, so the peak
// resident memory reported is that run's alone (the parent's, and earlier sizes', left out).
// `work` runs in the child and returns its wall seconds, or a negative number on failure.
// Who may call: benchmark programs, single-threaded (fork).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <functional>

namespace ringside::bench {

struct ChildSample {
    double seconds = 0;
    long peak_kib = 0;  // the child's peak resident set, KiB (getrusage's ru_maxrss)
};

inline bool measure_in_child(const std::function<double()>& work, ChildSample& out) {
    int fds[2];
    if (pipe(fds) != 0) return false;
    const pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        const double seconds = work();
        const bool sent = seconds >= 0 && write(fds[1], &seconds, sizeof seconds) == static_cast<ssize_t>(sizeof seconds);
        _exit(sent ? 0 : 1);
    }
    close(fds[1]);
    const bool got = pid > 0 && read(fds[0], &out.seconds, sizeof out.seconds) == static_cast<ssize_t>(sizeof out.seconds);
    close(fds[0]);
    int status = 0;
    rusage usage{};
    if (pid > 0) wait4(pid, &status, 0, &usage);
    out.peak_kib = usage.ru_maxrss;
    return got && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

} // namespace ringside::bench
