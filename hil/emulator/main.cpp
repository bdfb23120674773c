// ringside-board-emulator: the real firmware and the real board agent as a process of its
// own on a real byte stream, so CI can run `ringside run --target hil` with no board.
//
//   ringside-board-emulator --tty PATH [--board-id ID] [--idle-exit S] [--late-poll-ms MS] [--free-running] [--kit]
//                           [--slow-ms MS] [--answer-within-ms MS]
//   ringside-board-emulator --version
//
// PATH is the board's end of the link: a pseudo-terminal's slave (what `--port emulator`
// hands it; put into raw mode here, as a UART has no line discipline) or any serial device.
// Prints "ready" once it listens; exits 0 when the host closes the link, 2 on bad usage, 1
// when the link fails, and by itself after S seconds (default 600) with no byte from the
// host, so an orphaned emulator never lingers. --late-poll-ms makes a board variant whose
// token polls run late: a board that does not behave like the reference firmware, for
// proving that `ringside replay` finds where. --free-running makes it a stand-in for a
// physical board: no lockstep, its clock is the wall clock. --kit runs the firmware on the
// portable board kit (hil/boards/common: KitPort, what a bare-metal board runs, no heap)
// instead of the simulator's virtual board, so the suite can prove that the kit's parts give
// the virtual speaker's verdicts before a board ever runs them. --slow-ms makes a slow board
// (an emulated MCU, a sanitizer build): every answer waits that long (wall time) before it
// goes out; --answer-within-ms is what its HelloAck announces it may take.
#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <optional>
#include <vector>

#include "hil/boards/common/kit_port.hpp"
#include "hil/emulator/emulator_port.hpp"
#include "version/version.hpp"

namespace {

int usage(const char* why) {
    std::fprintf(stderr,
                 "error: %s\nusage: ringside-board-emulator --tty PATH [--board-id ID] [--idle-exit SECONDS] "
                 "[--late-poll-ms MS] [--free-running] [--kit] [--slow-ms MS] [--answer-within-ms MS]\n",
                 why);
    return 2;
}

// The kit's port as the loop below drives a port: what it writes for the host collects in
// outgoing(), and its flash is a region of this process's memory, as a board's is of its own.
class KitEmulator final : public ringside::hil::ByteSink {
public:
    KitEmulator(std::string board_id, bool free_running)
        : board_id_(std::move(board_id)),
          identity_{board_id_, "ringside-kit-1",
                    (free_running ? 0u : static_cast<std::uint32_t>(ringside::hil::kCapLockstep)) |
                        ringside::hil::kCapHttpTunnel | ringside::hil::kCapConfigurable | ringside::hil::kCapTestFace},
          port_(*this, identity_, ringside::kit::FlashRegion{flash_.data()}) {}

    void feed(const std::uint8_t* bytes, std::size_t count) { port_.feed(bytes, count); }
    std::vector<std::uint8_t>& outgoing() { return out_; }
    std::optional<std::chrono::milliseconds> run_due(std::chrono::milliseconds now) {
        std::uint64_t next = 0;
        if (!port_.run_due(static_cast<std::uint64_t>(now.count()), next)) return std::nullopt;
        return std::chrono::milliseconds(static_cast<std::chrono::milliseconds::rep>(next));
    }
    bool write(const std::uint8_t* bytes, std::size_t count) override {
        out_.insert(out_.end(), bytes, bytes + count);
        return true;
    }

private:
    std::string board_id_;
    ringside::hil::BoardIdentity identity_;
    std::array<std::uint8_t, ringside::kit::FlashRegion::kDefaultSectorSize * ringside::kit::FlashRegion::kDefaultSectorCount>
        flash_{};
    ringside::kit::KitPort port_;
    std::vector<std::uint8_t> out_;
};

// Writes all of `bytes`, waiting (bounded) while the tty's buffer is full.
bool write_all(int fd, const std::vector<std::uint8_t>& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n > 0) {
            done += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno != EAGAIN && errno != EINTR) return false;
        pollfd p{fd, POLLOUT, 0};
        if (::poll(&p, 1, 5000) <= 0) return false;  // the host stopped reading for 5 s
    }
    return true;
}

// The loop: bytes from the host into the port, what it answered back out; free-running, the
// board's own events as the wall clock reaches them. Returns the process's exit status.
template <typename Port>
int serve(Port& port, int fd, long idle_exit_s, bool free_running, long slow_ms) {
    std::printf("ready\n");
    std::fflush(stdout);

    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    auto heard = started;  // the host's last byte
    std::uint8_t buffer[4096];
    for (;;) {
        int wait_ms = static_cast<int>(idle_exit_s * 1000);
        if (free_running) {
            // The board's own events run as the wall clock reaches them.
            const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
            const auto next = port.run_due(now);
            if (!write_all(fd, port.outgoing())) return 1;
            port.outgoing().clear();
            if (Clock::now() - heard > std::chrono::seconds(idle_exit_s)) return 0;
            if (next) wait_ms = static_cast<int>(std::clamp<long long>((*next - now).count(), 0, wait_ms));
        }
        pollfd p{fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, wait_ms);
        if (ready == 0) {
            if (free_running) continue;
            return 0;  // nobody has spoken to us for the idle limit
        }
        if (ready < 0) {
            if (errno == EINTR) continue;
            return 1;
        }
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n == 0) return 0;
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR) continue;
            return errno == EIO ? 0 : 1;  // a pty whose host end closed reads EIO: the link is over
        }
        heard = Clock::now();
        if (free_running) port.run_due(std::chrono::duration_cast<std::chrono::milliseconds>(heard - started));
        port.feed(buffer, static_cast<std::size_t>(n));
        if (slow_ms > 0 && !port.outgoing().empty()) ::usleep(static_cast<useconds_t>(slow_ms * 1000));
        if (!write_all(fd, port.outgoing())) return 1;
        port.outgoing().clear();
    }
}

} // namespace

int main(int argc, char** argv) {
    std::string tty, board_id = "EMU0000000001";
    long idle_exit_s = 600;
    long late_poll_ms = 0;
    long slow_ms = 0, answer_within_ms = 0;
    bool free_running = false;
    bool kit = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (ringside::is_version_flag(a)) {
            std::printf("%s\n", ringside::version_line("ringside-board-emulator").c_str());
            return 0;
        }
        if (a == "--free-running") {
            free_running = true;
            continue;
        }
        if (a == "--kit") {
            kit = true;
            continue;
        }
        if (i + 1 >= argc) return usage(("missing value for " + a).c_str());
        const std::string v = argv[++i];
        if (a == "--tty") tty = v;
        else if (a == "--board-id") board_id = v;
        else if (a == "--idle-exit") idle_exit_s = std::strtol(v.c_str(), nullptr, 10);
        else if (a == "--late-poll-ms") late_poll_ms = std::strtol(v.c_str(), nullptr, 10);
        else if (a == "--slow-ms") slow_ms = std::strtol(v.c_str(), nullptr, 10);
        else if (a == "--answer-within-ms") answer_within_ms = std::strtol(v.c_str(), nullptr, 10);
        else return usage(("unknown option " + a).c_str());
    }
    if (tty.empty()) return usage("--tty PATH is required");
    if (idle_exit_s <= 0) return usage("--idle-exit takes a number of seconds");
    if (late_poll_ms < 0) return usage("--late-poll-ms takes a number of milliseconds");
    if (kit && late_poll_ms != 0) return usage("--late-poll-ms makes a variant of the virtual board, not of the kit");
    if (slow_ms < 0 || slow_ms > 60'000) return usage("--slow-ms takes 0 to 60000 milliseconds");
    if (answer_within_ms < 0 || answer_within_ms > 3'600'000) return usage("--answer-within-ms takes 0 to 3600000 milliseconds");
    if (kit && answer_within_ms != 0) return usage("--answer-within-ms makes a variant of the virtual board, not of the kit");

    const int fd = ::open(tty.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        std::fprintf(stderr, "error: cannot open %s: %s\n", tty.c_str(), std::strerror(errno));
        return 1;
    }
    termios raw{};
    if (::tcgetattr(fd, &raw) == 0) {
        ::cfmakeraw(&raw);
        ::tcsetattr(fd, TCSANOW, &raw);
    }

    if (kit) {
        // Static storage, as a board gives its port: the kit's port holds every buffer it needs.
        static std::optional<KitEmulator> port;
        port.emplace(board_id, free_running);
        return serve(*port, fd, idle_exit_s, free_running, slow_ms);
    }
    ringside::hil::EmulatorPort port(board_id, std::chrono::milliseconds(late_poll_ms), free_running,
                                     static_cast<std::uint32_t>(answer_within_ms));
    return serve(port, fd, idle_exit_s, free_running, slow_ms);
}
