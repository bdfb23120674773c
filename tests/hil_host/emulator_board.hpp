#pragma once
// A world's speaker for the scenario-level link tests: a fresh board emulator process, its
// real PTY wrapped in a NoisyTransport, the handshake, and hil::BoardDevice on top — what
// `--port emulator` builds, with a fault on the wire. What the tests need to look at after
// the world is gone (the link's counters, the emulator's process id, what the fault did)
// lands in a shared Observed.
#include <sys/types.h>

#include <memory>
#include <optional>

#include "hil/host/board_device.hpp"
#include "hil/host/board_link.hpp"
#include "noisy_transport.hpp"
#include "sim/device.hpp"

namespace ringside::test {

struct Observed {
    std::shared_ptr<NoisyReport> noisy = std::make_shared<NoisyReport>();
    // The link's counters when the world let go of the board (the link dies with it).
    std::optional<hil::LinkCounters> counters;
    pid_t emulator = 0;  // the latest board's process (the emulator, or QEMU)
    int boards = 0;      // boards made (one per world)
};

// `board` as the world's device; when the world destroys it, `link`'s counters (owned by
// `board`) are copied into `observed` first.
std::unique_ptr<sim::Device> watched(std::unique_ptr<hil::BoardDevice> board, const hil::BoardLink& link,
                                     std::shared_ptr<Observed> observed);

// The device factory. Throws sim::DeviceLost like hil::board_device_factory when the
// emulator does not come up or answer.
sim::DeviceFactory noisy_emulator(Fault fault, std::shared_ptr<Observed> observed,
                                  hil::BoardDeviceOptions options = {});

} // namespace ringside::test
