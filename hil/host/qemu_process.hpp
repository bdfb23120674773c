#pragma once
// The STM32F405 board image (hil/boards/stm32f405/) in QEMU's `netduinoplus2` machine, as a
// child process: what `--port qemu` means. Its USART1 is a TCP client of a loopback socket
// the host listens on (`-serial tcp:127.0.0.1:PORT`), so the same framed link, handshake and
// lockstep that drive a physical board drive the emulated one. Started with Boost.Process
// (kept inside the .cpp); ready when QEMU has connected (never a sleep). The board's flash
// and RAM are this process's: a fresh QEMU per world, as a fresh emulator per world.
// Who may call: the HIL device factory, tests.
#include <chrono>
#include <memory>
#include <string>

#include "hil/host/board_process.hpp"

namespace ringside::hil {

class QemuProcess final : public BoardProcess {
public:
    // Starts QEMU with the image and waits (at most `ready_within`) for its UART to connect.
    // Throws LinkError naming the port "qemu": NotFound (no QEMU, no image), Timeout or Closed
    // (it did not connect, or exited, with what it printed).
    explicit QemuProcess(std::chrono::milliseconds ready_within = std::chrono::seconds(10));
    // Kills QEMU (a board never powers itself down) and reaps it.
    ~QemuProcess() override;
    QemuProcess(const QemuProcess&) = delete;
    QemuProcess& operator=(const QemuProcess&) = delete;

    std::unique_ptr<ByteTransport> take_transport() override;
    bool running() override;
    int pid() const override;
    // Hello every 10 ms: QEMU connects before the image has enabled USART1, and bytes that
    // arrive before that are dropped, so the first Hellos are lost; a 500 ms resend (for
    // boards that reset on DTR) would cost every scenario half a second.
    HandshakeOptions handshake_options() const override;

    // The board's reset button (QEMU's system_reset, through its monitor): the MCU restarts
    // from its reset vector, RAM and all; the link stays open. Throws LinkError (Io) when
    // the monitor does not take the command within a second.
    void reset();

    // The image: $RINGSIDE_BOARD_IMAGE, else the one scripts/build-board makes.
    static std::string image();
    // QEMU: $RINGSIDE_QEMU, else qemu-system-arm on the PATH.
    static std::string qemu();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace ringside::hil
