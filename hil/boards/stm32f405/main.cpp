// ringside-stm32f405: the STM32F405 board image. Start-up (startup.cpp) brings the chip to
// main(); main() starts the clocks, SysTick and USART1, puts the firmware on the HIL link
// with the board kit's port and the board agent (docs/hil_protocol.md), and runs the loop:
// bytes from USART1 into the port (and through it the agent, which runs the firmware inside
// the host's time grants: lockstep), the agent's frames out through USART1, and sleep until
// the next interrupt. Every object has static storage; after initialisation the heap trap is
// armed, so any allocation stops the board with a Fault.
// The same image runs on QEMU: `ringside run --target hil --port qemu` starts
//   qemu-system-arm -M netduinoplus2 -kernel ringside-stm32f405.elf -nographic -monitor none
//   -serial tcp:127.0.0.1:PORT,nodelay=on
// with USART1 dialling a port the host listens on.
#include <cstddef>
#include <cstdint>
#include <new>
#include <string_view>

#include "hil/agent/board_agent.hpp"
#include "hil/boards/stm32f405/board_identity.hpp"
#include "hil/boards/stm32f405/build_id.hpp"
#include "hil/boards/stm32f405/clock.hpp"
#include "hil/boards/stm32f405/cortex_m.hpp"
#include "hil/boards/stm32f405/heap_trap.hpp"
#include "hil/boards/stm32f405/f405_port.hpp"
#include "hil/boards/stm32f405/systick.hpp"
#include "hil/boards/stm32f405/uart_sink.hpp"
#include "hil/boards/stm32f405/usart1.hpp"

namespace {

using namespace ringside;
using namespace ringside::stm32f405;

constexpr std::uint32_t kCapabilities = hil::kCapLockstep | hil::kCapHttpTunnel | hil::kCapConfigurable |
                                        hil::kCapTestFace | hil::kCapBoardStats;

constexpr std::string_view kFirmwareVersion = "ringside-stm32f405 0.2";
constexpr std::uint32_t kBaud = 115200;
// What the host should allow for an answer (HelloAck): a grant may run the firmware through
// seconds of audio, and an emulated Cortex-M4 on a loaded CI host is many times slower than
// the real one.
constexpr std::uint32_t kAnswerWithinMs = 30'000;

#if RINGSIDE_HEAP_TRAP_TEST
// ringside-stm32f405-heaptrap only: the allocation a firmware bug would make after start-up.
// Through a volatile function pointer, so the compiler can neither drop nor inline it.
void allocate_after_init() {
    void* (*volatile allocate)(std::size_t) = static_cast<void* (*)(std::size_t)>(&::operator new);
    (void)allocate(16);
}
#endif

} // namespace

int main() {
    const Clocks clocks = start_clocks();
    systick::start(clocks.core_hz);
    usart1::start(clocks.apb2_hz, kBaud);

    static UartSink sink;
    static const hil::BoardIdentity identity{board_id(clocks), kFirmwareVersion, kCapabilities,
                                             kChip,            build_id(),       kAnswerWithinMs};
    static F405Port port(sink, identity);

    heap_trap_arm();
    // A host on the line hears at once that the board (re)started (a reset mid-scenario ends
    // the scenario with that, not with a timeout).
    port.announce();
#if RINGSIDE_HEAP_TRAP_TEST
    allocate_after_init();
#endif

    std::uint8_t bytes[64];
    for (;;) {
        const std::size_t n = usart1::read(bytes, sizeof bytes);
        if (n > 0) {
            port.feed(bytes, n);
            continue;
        }
        // Lockstep: the board's time moves only inside the host's grants (in feed()).
        // Sleep until the next interrupt (a received byte, or SysTick within 1 ms). Checked
        // with interrupts masked: a byte arriving after the check still wakes the WFI.
        disable_interrupts();
        if (!usart1::rx_pending()) wait_for_interrupt();
        enable_interrupts();
    }
}
