#pragma once
// The project's board emulator (ringside-board-emulator) as a child process on a
// pseudo-terminal: what `--port emulator` means. The host keeps the PTY's master end, the
// emulator opens the slave as its UART. Started with Boost.Process (kept inside the .cpp);
// ready when the child says so (never a sleep). Who may call: the HIL device factory, tests.
#include <chrono>
#include <memory>
#include <string>

#include "hil/host/board_process.hpp"

namespace ringside::hil {

class EmulatorProcess final : public BoardProcess {
public:
    // Starts the emulator and waits (at most `ready_within`) for its "ready" line. Throws
    // LinkError (NotFound: no emulator binary; Timeout / Closed: it did not come up, with
    // what it printed) naming the port "emulator".
    explicit EmulatorProcess(std::chrono::milliseconds ready_within = std::chrono::seconds(10));
    // Ends the child: its link is closed first (the emulator then exits by itself), then it
    // is waited for (bounded) and killed if it lingers.
    ~EmulatorProcess() override;
    EmulatorProcess(const EmulatorProcess&) = delete;
    EmulatorProcess& operator=(const EmulatorProcess&) = delete;

    // The transport owns the PTY master once taken.
    std::unique_ptr<ByteTransport> take_transport() override;
    bool running() override;
    int pid() const override;

    // The emulator binary: $RINGSIDE_BOARD_EMULATOR, else the one in this program's folder
    // (an installed ringside), else the one built with it (the build tree's).
    // $RINGSIDE_EMULATOR_ARGS adds options to its command line (e.g. a board variant).
    static std::string binary();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace ringside::hil
