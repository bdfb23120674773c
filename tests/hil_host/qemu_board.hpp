#pragma once
// The STM32F405 board image on QEMU's netduinoplus2 for the scenario-level fault tests, two
// ways:
// - noisy_qemu(): what `--port qemu` builds (hil::QemuProcess: QEMU's USART1 dials a
//   loopback listener of the host), with a NoisyTransport on the board's bytes so a test can
//   act at a chosen frame (kill QEMU, press its reset button);
// - relayed_qemu(): QEMU started here with its USART1 as a TCP *server*, a TcpRelay in
//   front of it, and the host connecting to the relay as to any `--port tcp:HOST:PORT`, so
//   the relay can damage the wire in either direction.
// Each world gets a fresh QEMU, killed and reaped when the world lets go of its board.
// Who may call: tests.
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulator_board.hpp"
#include "hil/host/board_device.hpp"
#include "hil/host/qemu_process.hpp"
#include "tcp_relay.hpp"

namespace ringside::test {

// Why the QEMU tests cannot run ("no board image at ...: run scripts/build-board"), or
// nothing when QEMU and the image are there.
std::optional<std::string> qemu_board_missing();

// qemu-system-arm -M netduinoplus2 with the image, its USART1 a TCP server on a loopback port
// the kernel picks (read back from what QEMU prints), waiting for one client before the guest
// runs. Throws std::runtime_error (with QEMU's output) when it does not listen within
// `ready_within`. The destructor kills and reaps it and removes its output file.
class QemuServer {
public:
    explicit QemuServer(std::chrono::milliseconds ready_within = std::chrono::seconds(10));
    ~QemuServer();
    QemuServer(const QemuServer&) = delete;
    QemuServer& operator=(const QemuServer&) = delete;

    std::uint16_t port() const { return port_; }
    pid_t pid() const { return pid_; }
    std::string printed() const;  // what QEMU wrote to stdout and stderr
    const std::string& output_path() const { return output_path_; }

private:
    pid_t pid_ = -1;
    std::uint16_t port_ = 0;
    std::string output_path_;
};

// The files hil::QemuProcess made for the QEMU `pid` (its output, its monitor's socket):
// what its destructor must remove. Empty when `pid` is no such QEMU.
std::vector<std::string> qemu_process_files(pid_t pid);

// What noisy_qemu() and relayed_qemu() leave for the test beyond Observed's counters.
struct QemuObserved : Observed {
    std::weak_ptr<hil::QemuProcess> qemu;  // noisy_qemu: the world's QEMU, while it lives
    std::shared_ptr<RelayReport> relay = std::make_shared<RelayReport>();  // relayed_qemu
    std::string port;                      // the port the host's link named
    std::vector<std::string> temp_files;   // the latest QEMU's output and monitor files
};

// `--port qemu` with `fault` on the board's bytes (Fault::Kind::Tap/Call act at its point).
sim::DeviceFactory noisy_qemu(Fault fault, std::shared_ptr<QemuObserved> observed, hil::BoardDeviceOptions options = {});

// QEMU in server mode behind a TcpRelay with `fault`; the host dials the relay.
sim::DeviceFactory relayed_qemu(RelayFault fault, std::shared_ptr<QemuObserved> observed,
                                hil::BoardDeviceOptions options = {});

} // namespace ringside::test
