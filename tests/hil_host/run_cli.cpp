#include "run_cli.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

namespace ringside::test {

CliRun run_cli(const std::vector<std::string>& args, std::chrono::milliseconds limit) {
    const auto start = std::chrono::steady_clock::now();
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) return {};
    std::vector<std::string> argv_text{RINGSIDE_BINARY};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(out[1], 1);
        ::dup2(out[1], 2);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(out[1]);
    CliRun run;
    const auto deadline = start + limit;
    bool killed = false;
    for (;;) {  // ends: at EOF, or at the limit (the child is killed, its pipe closes)
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0 && !killed) {
            ::kill(pid, SIGKILL);
            killed = true;
        }
        pollfd p{out[0], POLLIN, 0};
        const int ready = ::poll(&p, 1, killed ? 1000 : static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) {
            if (killed) break;
            continue;
        }
        char buffer[4096];
        const ssize_t n = ::read(out[0], buffer, sizeof buffer);
        if (n <= 0) break;
        run.output.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(out[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    run.exit_code = !killed && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.elapsed_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    return run;
}

} // namespace ringside::test
