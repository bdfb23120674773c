#include "hil/host/qemu_process.hpp"

#include <signal.h>
#include <unistd.h>

#include <boost/process.hpp>

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <stdlib.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <system_error>
#include <vector>

#include "hil/host/link_error.hpp"
#include "hil/host/spawn_lock.hpp"
#include "hil/host/tcp_listener.hpp"

namespace bp = boost::process;

namespace ringside::hil {
namespace {

constexpr const char* kPort = "qemu";

// SIGKILL, then reaped (see emulator_process.cpp for why not bp::child::terminate()).
void end_now(bp::child& child) {
    ::kill(child.id(), SIGKILL);
    std::error_code ec;
    child.wait(ec);
}

} // namespace

struct QemuProcess::Impl {
    // What QEMU prints goes to a file, not a pipe: a pipe's reader waits for its end, and
    // a spare QEMU started meanwhile on another thread may have inherited the pipe's write
    // end (Boost.Process 1.74 does not close other descriptors in the child), so that end
    // would come only with the spare's.
    std::string log_path;
    std::string monitor_path;  // QEMU's monitor, a unix socket: reset()
    bp::child child;
    std::unique_ptr<ByteTransport> transport;

    ~Impl() {
        std::error_code ec;
        if (child.valid() && child.running(ec)) end_now(child);
        if (!log_path.empty()) ::unlink(log_path.c_str());
        if (!monitor_path.empty()) ::unlink(monitor_path.c_str());
    }
    std::string printed() const {
        std::ifstream in(log_path);
        return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
};

std::string QemuProcess::image() {
    if (const char* path = std::getenv("RINGSIDE_BOARD_IMAGE"); path && *path) return path;
    return RINGSIDE_BOARD_IMAGE_PATH;
}

std::string QemuProcess::qemu() {
    if (const char* path = std::getenv("RINGSIDE_QEMU"); path && *path) return path;
    const boost::filesystem::path found = bp::search_path("qemu-system-arm");
    return found.empty() ? std::string() : found.string();
}

QemuProcess::QemuProcess(std::chrono::milliseconds ready_within) : impl_(std::make_unique<Impl>()) {
    const std::string program = qemu();
    if (program.empty() || ::access(program.c_str(), X_OK) != 0)
        throw LinkError(LinkError::Kind::NotFound, kPort, "no qemu-system-arm (install Debian's qemu-system-arm, or set RINGSIDE_QEMU)");
    const std::string board_image = image();
    if (::access(board_image.c_str(), R_OK) != 0)
        throw LinkError(LinkError::Kind::NotFound, kPort,
                        "no board image at " + board_image + " (run scripts/build-board, or set RINGSIDE_BOARD_IMAGE)");
    TcpListener listener(kPort);
    char log_path[] = "/tmp/ringside-qemu-XXXXXX";
    const int log_fd = ::mkostemp(log_path, O_CLOEXEC);
    if (log_fd < 0) throw LinkError(LinkError::Kind::Io, kPort, "cannot make a file for QEMU's output in /tmp");
    ::close(log_fd);
    impl_->log_path = log_path;
    impl_->monitor_path = impl_->log_path + ".monitor";
    const std::vector<std::string> args{
        "-M", "netduinoplus2", "-nographic", "-monitor", "unix:" + impl_->monitor_path + ",server=on,wait=off",
        // The board dials the host. QEMU writes the board's bytes one send() each: with
        // Nagle's algorithm on (nodelay=off) they leave in a few segments per frame instead of
        // one segment a byte, and the host's quick ACKs (TcpTransport::read) keep Nagle from
        // holding the last bytes for a delayed ACK. Measured: the suite 68 s with nodelay=on,
        // 60 s like this.
        "-serial", "tcp:127.0.0.1:" + std::to_string(listener.port()) + ",nodelay=off",
        "-kernel", board_image};
    try {
        const std::lock_guard<std::mutex> one_spawn_at_a_time(spawn_mutex());
        impl_->child = bp::child(program, bp::args(args), (bp::std_out & bp::std_err) > impl_->log_path, bp::std_in < bp::null);
    } catch (const bp::process_error& e) {
        throw LinkError(LinkError::Kind::NotFound, kPort, "cannot start " + program + ": " + e.what());
    }
    const Deadline deadline = LinkClock::now() + ready_within;
    std::error_code ec;
    impl_->transport = listener.accept(deadline, [this, &ec] { return !impl_->child.running(ec); });
    if (impl_->transport) return;
    const bool exited = !impl_->child.running(ec);
    end_now(impl_->child);
    const std::string said = impl_->printed();
    if (exited)
        throw LinkError(LinkError::Kind::Closed, kPort, "QEMU exited before the board's UART connected; it printed:\n" + said);
    throw LinkError(LinkError::Kind::Timeout, kPort, "QEMU's board UART did not connect within " + describe_duration(ready_within));
}

QemuProcess::~QemuProcess() {
    impl_->transport.reset();
    if (impl_->child.valid()) end_now(impl_->child);
}

std::unique_ptr<ByteTransport> QemuProcess::take_transport() { return std::move(impl_->transport); }

bool QemuProcess::running() {
    std::error_code ec;
    return impl_->child.running(ec);
}

int QemuProcess::pid() const { return impl_->child.id(); }

void QemuProcess::reset() {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (fd < 0 || impl_->monitor_path.size() >= sizeof address.sun_path) {
        if (fd >= 0) ::close(fd);
        throw LinkError(LinkError::Kind::Io, kPort, "cannot reach QEMU's monitor");
    }
    impl_->monitor_path.copy(address.sun_path, impl_->monitor_path.size());
    // The monitor greets, takes the command and prompts again: wait (bounded) for the second
    // prompt, so the reset has happened when this returns.
    bool done = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    const std::string command = "system_reset\n";
    done = done && ::write(fd, command.data(), command.size()) == static_cast<ssize_t>(command.size());
    std::string said;
    const Deadline deadline = LinkClock::now() + std::chrono::seconds(1);
    for (int prompts = 0; done && prompts < 2 && LinkClock::now() < deadline;) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0) continue;
        char buffer[256];
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0) break;
        said.append(buffer, static_cast<std::size_t>(n));
        prompts = 0;
        for (std::size_t at = said.find("(qemu)"); at != std::string::npos; at = said.find("(qemu)", at + 1)) ++prompts;
    }
    ::close(fd);
    if (said.find("(qemu)", said.find("(qemu)") + 1) == std::string::npos)
        throw LinkError(LinkError::Kind::Io, kPort, "QEMU's monitor did not take system_reset");
}

HandshakeOptions QemuProcess::handshake_options() const {
    HandshakeOptions options;
    options.timeout = std::chrono::seconds(10);  // an emulated boot on a loaded host
    options.resend_every = std::chrono::milliseconds(10);
    return options;
}

} // namespace ringside::hil
