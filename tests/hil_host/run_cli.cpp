#include "run_cli.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

namespace ringside::test {

CliRun run_cli(const std::vector<std::string>& args, std::chrono::milliseconds limit) {
    ChildRun child(RINGSIDE_BINARY, args);
    return child.finish(limit);
}

ChildRun::ChildRun(const std::string& program, const std::vector<std::string>& args)
    : start_(std::chrono::steady_clock::now()) {
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) return;
    std::vector<std::string> argv_text{program};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_ = ::fork();
    if (pid_ == 0) {
        ::dup2(out[1], 1);
        ::dup2(out[1], 2);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(out[1]);
    out_ = out[0];
}

ChildRun::~ChildRun() {
    if (finished_ || pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    finish(std::chrono::milliseconds(0));
}

CliRun ChildRun::finish(std::chrono::milliseconds limit) {
    finished_ = true;
    CliRun run;
    if (pid_ <= 0) return run;
    const auto deadline = start_ + limit;
    bool killed = false;
    for (;;) {  // ends: at EOF, or at the limit (the child is killed, its pipe closes)
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0 && !killed) {
            ::kill(pid_, SIGKILL);
            killed = true;
        }
        pollfd p{out_, POLLIN, 0};
        const int ready = ::poll(&p, 1, killed ? 1000 : static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) {
            if (killed) break;
            continue;
        }
        char buffer[4096];
        const ssize_t n = ::read(out_, buffer, sizeof buffer);
        if (n <= 0) break;
        run.output.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(out_);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    run.exit_code = !killed && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.elapsed_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start_).count();
    return run;
}

} // namespace ringside::test
