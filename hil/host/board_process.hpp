#pragma once
// A board the harness starts itself as a child process, one per world: the project's board
// emulator on a pseudo-terminal (`--port emulator`) or the STM32F405 image in QEMU on a
// loopback socket (`--port qemu`). Who may call: the HIL device factory, tests.
#include <memory>

#include "hil/host/byte_transport.hpp"
#include "hil/host/handshake.hpp"

namespace ringside::hil {

class BoardProcess {
public:
    virtual ~BoardProcess() = default;
    // The host's end of the link, once: the transport owns it from then on.
    virtual std::unique_ptr<ByteTransport> take_transport() = 0;
    virtual bool running() = 0;
    // The child's process id, so a test can stop or kill the board behind the harness's
    // back (a crashed or frozen board). Nobody else signals it.
    virtual int pid() const = 0;
    // How to shake hands with it: a board whose UART starts listening only once its
    // firmware is up (QEMU connects before the guest runs) wants Hello often at first.
    virtual HandshakeOptions handshake_options() const { return {}; }
};

} // namespace ringside::hil
