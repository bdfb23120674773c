#include "qemu_board.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <thread>
#include <vector>

#include "hil/host/handshake.hpp"
#include "hil/host/link_error.hpp"
#include "hil/host/tcp_transport.hpp"

namespace ringside::test {

std::optional<std::string> qemu_board_missing() {
    const std::string qemu = hil::QemuProcess::qemu();
    if (qemu.empty() || ::access(qemu.c_str(), X_OK) != 0)
        return std::string("no qemu-system-arm: install it (scripts/setup), or set RINGSIDE_QEMU");
    const std::string image = hil::QemuProcess::image();
    if (::access(image.c_str(), R_OK) != 0)
        return "no board image at " + image + ": run scripts/build-board (or set RINGSIDE_BOARD_IMAGE)";
    return std::nullopt;
}

QemuServer::QemuServer(std::chrono::milliseconds ready_within) {
    if (const auto missing = qemu_board_missing()) throw std::runtime_error(*missing);
    char path[] = "/tmp/ringside-qemu-server-XXXXXX";
    const int out = ::mkostemp(path, O_CLOEXEC);
    if (out < 0) throw std::runtime_error("cannot make a file for QEMU's output in /tmp");
    output_path_ = path;
    std::vector<std::string> text{hil::QemuProcess::qemu(), "-M", "netduinoplus2", "-nographic", "-monitor", "none",
                                  "-serial", "tcp:127.0.0.1:0,server=on,wait=on,nodelay=on",
                                  "-kernel", hil::QemuProcess::image()};
    std::vector<char*> argv;
    for (auto& a : text) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_ = ::fork();
    if (pid_ == 0) {
        const int in = ::open("/dev/null", O_RDONLY);
        ::dup2(in, 0);
        ::dup2(out, 1);
        ::dup2(out, 2);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(out);
    if (pid_ < 0) {
        ::unlink(output_path_.c_str());
        throw std::runtime_error("cannot fork for QEMU");
    }
    // "... QEMU waiting for connection on: disconnected:tcp:127.0.0.1:PORT,server=on"
    const std::string marker = "disconnected:tcp:127.0.0.1:";
    const auto deadline = std::chrono::steady_clock::now() + ready_within;
    for (;;) {  // ends: when QEMU says its port, exits, or at the deadline
        const std::string said = printed();
        const std::size_t at = said.find(marker);
        if (at != std::string::npos && said.find(',', at) != std::string::npos) {
            port_ = static_cast<std::uint16_t>(std::stoi(said.substr(at + marker.size())));
            return;
        }
        int status = 0;
        const bool exited = ::waitpid(pid_, &status, WNOHANG) == pid_;
        if (exited || std::chrono::steady_clock::now() >= deadline) {
            if (!exited) {
                ::kill(pid_, SIGKILL);
                ::waitpid(pid_, &status, 0);
            }
            pid_ = -1;
            const std::string why = (exited ? "QEMU exited before it listened; it printed:\n"
                                            : "QEMU did not listen within the time given; it printed:\n") + printed();
            ::unlink(output_path_.c_str());
            throw std::runtime_error(why);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

QemuServer::~QemuServer() {
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        int status = 0;
        ::waitpid(pid_, &status, 0);
    }
    ::unlink(output_path_.c_str());
}

std::string QemuServer::printed() const {
    std::ifstream in(output_path_);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Read back from QEMU's command line: "-monitor unix:PATH.monitor,server=on,wait=off"; the
// output goes to PATH.
std::vector<std::string> qemu_process_files(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
    const std::string prefix = "unix:", suffix = ".monitor,";
    for (std::string arg; std::getline(in, arg, '\0');) {
        const std::size_t end = arg.find(suffix);
        if (arg.rfind(prefix, 0) != 0 || end == std::string::npos) continue;
        const std::string log = arg.substr(prefix.size(), end - prefix.size());
        return {log, log + ".monitor"};
    }
    return {};
}

sim::DeviceFactory noisy_qemu(Fault fault, std::shared_ptr<QemuObserved> observed, hil::BoardDeviceOptions options) {
    return [fault, observed, options](const sim::DeviceContext& context) -> std::unique_ptr<sim::Device> {
        try {
            auto process = std::make_shared<hil::QemuProcess>();
            observed->emulator = process->pid();
            observed->temp_files = qemu_process_files(process->pid());
            observed->qemu = process;
            ++observed->boards;
            auto link = std::make_unique<hil::BoardLink>(
                std::make_unique<NoisyTransport>(process->take_transport(), fault, observed->noisy));
            observed->port = link->port();
            const hil::BoardIdentity identity = hil::handshake(*link, process->handshake_options());
            const hil::BoardLink& seen_link = *link;
            auto board = std::make_unique<hil::BoardDevice>(context, std::move(link), identity, process, options);
            return watched(std::move(board), seen_link, observed);
        } catch (const hil::LinkError& e) {
            throw sim::DeviceLost(e.what());
        }
    };
}

namespace {

// What a relayed board needs alive as long as its link: QEMU, then the relay in front of it
// (destroyed first: the relay's sockets close before QEMU is killed).
struct RelayedQemu {
    QemuServer qemu;
    TcpRelay relay;
    std::shared_ptr<RelayReport> report;
    RelayedQemu(const RelayFault& fault, std::shared_ptr<RelayReport> into)
        : relay(qemu.port(), fault), report(std::move(into)) {}
    ~RelayedQemu() { *report = relay.report(); }
};

} // namespace

sim::DeviceFactory relayed_qemu(RelayFault fault, std::shared_ptr<QemuObserved> observed, hil::BoardDeviceOptions options) {
    return [fault, observed, options](const sim::DeviceContext& context) -> std::unique_ptr<sim::Device> {
        try {
            std::shared_ptr<RelayedQemu> wire;
            try {
                wire = std::make_shared<RelayedQemu>(fault, observed->relay);
            } catch (const std::runtime_error& e) {
                throw sim::DeviceLost(e.what());
            }
            observed->emulator = wire->qemu.pid();
            observed->temp_files = {wire->qemu.output_path()};
            ++observed->boards;
            auto link = std::make_unique<hil::BoardLink>(hil::TcpTransport::connect("127.0.0.1", wire->relay.port()));
            observed->port = link->port();
            // A board that waits for its client starts its guest only now: Hello until it listens.
            hil::HandshakeOptions quick;
            quick.timeout = std::chrono::seconds(10);
            quick.resend_every = std::chrono::milliseconds(10);
            const hil::BoardIdentity identity = hil::handshake(*link, quick);
            const hil::BoardLink& seen_link = *link;
            auto board = std::make_unique<hil::BoardDevice>(context, std::move(link), identity, wire, options);
            return watched(std::move(board), seen_link, observed);
        } catch (const hil::LinkError& e) {
            throw sim::DeviceLost(e.what());
        }
    };
}

} // namespace ringside::test
