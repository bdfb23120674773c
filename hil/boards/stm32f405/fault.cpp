#include "hil/boards/stm32f405/fault.hpp"

#include <cstdint>

#include "hil/boards/stm32f405/cortex_m.hpp"
#include "hil/boards/stm32f405/linker_symbols.hpp"
#include "hil/boards/stm32f405/mmio.hpp"
#include "hil/boards/stm32f405/systick.hpp"
#include "hil/boards/stm32f405/usart1.hpp"
#include "hil/protocol/frame.hpp"
#include "hil/protocol/messages.hpp"

namespace ringside::stm32f405 {
namespace {

char g_text[kMaxFaultText];
std::size_t g_text_size = 0;
bool g_halting = false;

constexpr std::uintptr_t kNvicIcer = 0xE000E180, kNvicIcpr = 0xE000E280;  // 8 words each: IRQs 0..255
constexpr std::uintptr_t kIcsr = 0xE000ED04;
constexpr std::uint32_t kPendStClr = 1u << 25;
constexpr std::uint32_t kSpinPollsPerSecond = 20'000'000;  // when SysTick never started: ~1 s at 168 MHz

// A halted board takes no more interrupts: every IRQ is disabled and its pending bit
// cleared, so nothing but SysTick (a core exception, not an IRQ) can wake a WFI. A byte the
// host keeps sending would otherwise leave USART1's IRQ pending and every WFI return at once.
void silence_interrupts() {
    for (std::uintptr_t word = 0; word < 8; ++word) {
        reg(kNvicIcer + 4 * word) = 0xFFFFFFFF;
        reg(kNvicIcpr + 4 * word) = 0xFFFFFFFF;
    }
}

// About a second. In thread mode WFI wakes on each (masked) SysTick, so the halted board
// sleeps; clearing the pending tick lets the next one wake it again. In a fault handler no
// SysTick can wake a WFI (its priority is too low), so it polls SysTick's COUNTFLAG, or
// counts, if SysTick never started.
void wait_about_a_second() {
    if (active_exception() == 0 && systick::started()) {
        for (int tick = 0; tick < 1000; ++tick) {
            wait_for_interrupt();
            reg(kIcsr) = kPendStClr;
        }
        return;
    }
    if (systick::spin_ms(1000)) return;
    for (volatile std::uint32_t i = 0; i < kSpinPollsPerSecond; i = i + 1) {
    }
}

} // namespace

// Runs on the fresh stack halt_with_fault() switched to (C linkage: the branch names it).
extern "C" [[noreturn]] void ringside_send_fault_forever() {
    silence_interrupts();
    hil::Frame frame;  // on the stack: a fault costs no static RAM
    std::uint8_t wire[hil::kMaxWireSize];
    hil::encode(hil::Fault{std::string_view(g_text, g_text_size)}, frame);  // fits: kMaxFaultText < kMaxPayload
    frame.sequence = 0;  // outside the agent's numbering; the host does not count a Fault
    const std::size_t size = hil::encode_frame(frame, wire, sizeof wire);
    for (;;) {
        // A leading delimiter ends whatever half frame the fault interrupted, so the host's
        // decoder starts the Fault clean.
        const std::uint8_t delimiter = 0;
        usart1::write(&delimiter, 1);
        usart1::write(wire, size);
        wait_about_a_second();
    }
}

void halt_with_fault(std::string_view what) {
    disable_interrupts();
    if (g_halting) {
        // A fault while reporting one: the first report is the one that matters, and the
        // code that sends it is what just failed. Stop here.
        for (;;) {
        }
    }
    g_halting = true;
    g_text_size = what.size() < kMaxFaultText ? what.size() : kMaxFaultText;
    for (std::size_t i = 0; i < g_text_size; ++i) g_text[i] = what[i];
    // The stack we are on may be overflowed or hold the fault's own wreckage: nothing on it
    // is needed any more (the text is copied), so start again at its top.
    asm volatile(
        "msr msp, %0\n"
        "b ringside_send_fault_forever\n"
        :
        : "r"(__stack_top)
        : "memory");
    __builtin_unreachable();
}

} // namespace ringside::stm32f405
