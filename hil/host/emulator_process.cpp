#include "hil/host/emulator_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <boost/process.hpp>

#include <algorithm>
#include <cstdlib>
#include <future>
#include <sstream>
#include <vector>

#include "hil/host/fd_transport.hpp"
#include "hil/host/link_error.hpp"
#include "hil/host/spawn_lock.hpp"

namespace bp = boost::process;

namespace ringside::hil {
namespace {

constexpr const char* kPort = "emulator";

// An installed ringside finds its emulator in its own folder (both in bin/, wherever the
// package was unpacked); a build tree has them apart (cli/, hil/), at the path compiled in.
// Empty when there is none beside this program.
std::string emulator_beside_this_program() {
    char self[4096];
    const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) return {};
    std::string path(self, static_cast<std::size_t>(n));
    path.erase(path.find_last_of('/') + 1);
    path += "ringside-board-emulator";
    return ::access(path.c_str(), X_OK) == 0 ? path : std::string();
}

// SIGKILL, then reaped. Not bp::child::terminate(): Boost 1.74 reaps there with WNOHANG,
// which races the kill and leaves the child unreaped (a zombie, or for a moment still
// running) while marking it done, so that no later wait() reaps it either.
void end_now(bp::child& child) {
    ::kill(child.id(), SIGKILL);  // cannot be caught or ignored, also not by a stopped process
    std::error_code ec;
    child.wait(ec);               // a blocking waitpid: it returns as soon as the kill lands
}

} // namespace

struct EmulatorProcess::Impl {
    bp::ipstream out;
    bp::child child;
    int master = -1;  // until take_transport()

    // Also when the constructor gives up (no ready line): the PTY must not leak. A child
    // still running then is ended by bp::child's own destructor.
    ~Impl() {
        if (master >= 0) ::close(master);
    }
};

std::string EmulatorProcess::binary() {
    if (const char* path = std::getenv("RINGSIDE_BOARD_EMULATOR"); path && *path) return path;
    if (std::string beside = emulator_beside_this_program(); !beside.empty()) return beside;
    return RINGSIDE_BOARD_EMULATOR_PATH;
}

EmulatorProcess::EmulatorProcess(std::chrono::milliseconds ready_within) : impl_(std::make_unique<Impl>()) {
    const std::string program = binary();
    if (::access(program.c_str(), X_OK) != 0)
        throw LinkError(LinkError::Kind::NotFound, kPort, "no board emulator at " + program + " (build it, or set RINGSIDE_BOARD_EMULATOR)");
    impl_->master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (impl_->master < 0 || ::grantpt(impl_->master) != 0 || ::unlockpt(impl_->master) != 0)
        throw LinkError(LinkError::Kind::Io, kPort, "cannot make a pseudo-terminal for the board emulator");
    const std::string slave = ::ptsname(impl_->master);
    std::vector<std::string> args{"--tty", slave};
    // RINGSIDE_EMULATOR_ARGS: extra options for the emulator (a board variant, say),
    // words separated by spaces.
    if (const char* extra = std::getenv("RINGSIDE_EMULATOR_ARGS")) {
        std::istringstream words(extra);
        for (std::string w; words >> w;) args.push_back(w);
    }
    {
        const std::lock_guard<std::mutex> one_spawn_at_a_time(spawn_mutex());
        impl_->child = bp::child(program, bp::args(args), (bp::std_out & bp::std_err) > impl_->out);
    }
    // Read on a helper task so a silent child cannot hang the harness.
    auto reading = std::async(std::launch::async, [this] {
        std::string line, seen;
        while (std::getline(impl_->out, line)) {
            if (line == "ready") return std::string();
            seen += line + "\n";
        }
        return "the board emulator exited before it was ready; it printed:\n" + seen;
    });
    if (reading.wait_for(ready_within) != std::future_status::ready) {
        end_now(impl_->child);
        reading.wait();
        throw LinkError(LinkError::Kind::Timeout, kPort, "the board emulator said nothing within the time allowed");
    }
    const std::string failure = reading.get();
    if (!failure.empty()) throw LinkError(LinkError::Kind::Closed, kPort, failure);
}

EmulatorProcess::~EmulatorProcess() {
    if (impl_->master >= 0) ::close(impl_->master);
    impl_->master = -1;
    std::error_code ec;
    if (!impl_->child.valid()) return;
    // Closing the link ends the emulator's loop: it exits within a millisecond or so. Look
    // often at first, then back off (a fixed 10 ms nap cost every scenario 10 ms: a third of
    // a typical lockstep run), and insist after about a second.
    useconds_t nap = 100, waited = 0;
    while (waited < 1'000'000 && impl_->child.running(ec)) {
        ::usleep(nap);
        waited += nap;
        nap = std::min<useconds_t>(nap * 2, 10'000);
    }
    if (impl_->child.running(ec)) end_now(impl_->child);
    impl_->child.wait(ec);
}

std::unique_ptr<ByteTransport> EmulatorProcess::take_transport() {
    const int fd = impl_->master;
    impl_->master = -1;
    return std::make_unique<FdTransport>(fd, kPort);
}

int EmulatorProcess::pid() const { return impl_->child.id(); }

bool EmulatorProcess::running() {
    std::error_code ec;
    return impl_->child.running(ec);
}

} // namespace ringside::hil
