#include "hil/boards/stm32f405/fault_handlers.hpp"

#include <cstdint>

#include "hil/boards/stm32f405/cortex_m.hpp"
#include "hil/boards/stm32f405/fault.hpp"
#include "hil/boards/stm32f405/linker_symbols.hpp"
#include "hil/boards/stm32f405/mmio.hpp"
#include "hil/boards/stm32f405/text_buffer.hpp"

namespace ringside::stm32f405 {
namespace {

struct NamedBit {
    std::uint32_t mask;
    const char* name;
};

// CFSR = UFSR:BFSR:MMFSR (Cortex-M4 generic user guide §4.3.10), the names the manual uses.
constexpr NamedBit kCfsrBits[] = {
    {1u << 0, "IACCVIOL"},     {1u << 1, "DACCVIOL"},  {1u << 3, "MUNSTKERR"}, {1u << 4, "MSTKERR"},
    {1u << 5, "MLSPERR"},      {1u << 8, "IBUSERR"},   {1u << 9, "PRECISERR"}, {1u << 10, "IMPRECISERR"},
    {1u << 11, "UNSTKERR"},    {1u << 12, "STKERR"},   {1u << 13, "LSPERR"},   {1u << 16, "UNDEFINSTR"},
    {1u << 17, "INVSTATE"},    {1u << 18, "INVPC"},    {1u << 19, "NOCP"},     {1u << 24, "UNALIGNED"},
    {1u << 25, "DIVBYZERO"},
};
constexpr std::uint32_t kMmarValid = 1u << 7, kBfarValid = 1u << 15;
constexpr std::uint32_t kHfsrForced = 1u << 30, kHfsrVectTbl = 1u << 1;

// The stacked exception frame: r0-r3, r12, lr, pc, xpsr (8 words).
constexpr std::uint32_t kFrameWords = 8;
constexpr std::uint32_t kFrameLr = 5, kFramePc = 6;

} // namespace

// C linkage: HardFault_Handler branches here with r0 = the stacked frame.
extern "C" [[noreturn]] void ringside_report_hard_fault(const std::uint32_t* frame) {
    const std::uint32_t cfsr = reg(scb::kCfsr);
    const std::uint32_t hfsr = reg(scb::kHfsr);
    TextBuffer<kMaxFaultText> text;
    text.add("HardFault: ");
    // A frame outside the stack was never written (the stack overflowed past RAM's start):
    // do not read it, a second fault here would lock the core up.
    const auto at = address_of(frame);
    if (at >= address_of(__stack_bottom) && at + 4 * kFrameWords <= address_of(__stack_top))
        text.add("pc ").hex32(frame[kFramePc]).add(", lr ").hex32(frame[kFrameLr]);
    else
        text.add("stack overflow (sp ").hex32(at).add(" outside the stack)");
    text.add(", CFSR ").hex32(cfsr);
    bool named = false;
    for (const NamedBit& bit : kCfsrBits) {
        if (!(cfsr & bit.mask)) continue;
        text.add(named ? " " : " (").add(bit.name);
        named = true;
    }
    if (named) text.add(")");
    text.add(", HFSR ").hex32(hfsr);
    if (hfsr & kHfsrForced) text.add(" (FORCED)");
    if (hfsr & kHfsrVectTbl) text.add(" (VECTTBL)");
    if (cfsr & kBfarValid) text.add(", BFAR ").hex32(reg(scb::kBfar));
    if (cfsr & kMmarValid) text.add(", MMFAR ").hex32(reg(scb::kMmfar));
    halt_with_fault(text.view());
}

} // namespace ringside::stm32f405

// We only ever run on MSP (no RTOS, no PSP), so the frame is where MSP points. When that is
// at least 1 KiB above the stack's bottom the report runs below the frame, leaving it intact;
// otherwise the stack overflowed (or nearly): start a fresh one at the top, and the report
// says the frame is gone.
extern "C" __attribute__((naked)) void HardFault_Handler() {
    asm volatile(
        "mrs r0, msp\n"
        "ldr r1, =__stack_bottom\n"
        "add r1, r1, #1024\n"
        "cmp r0, r1\n"
        "bhs 1f\n"
        "ldr r1, =__stack_top\n"
        "msr msp, r1\n"
        "1:\n"
        "b ringside_report_hard_fault\n");
}

extern "C" void Default_Handler() {
    using namespace ringside::stm32f405;
    const std::uint32_t exception = active_exception();
    TextBuffer<80> text;
    text.add("unexpected exception ").dec(exception);
    if (exception >= 16) text.add(" (IRQ ").dec(exception - 16).add(")");
    else if (exception == 2) text.add(" (NMI)");
    text.add(": no handler on this board");
    halt_with_fault(text.view());
}
