#pragma once
// The Cortex-M4 vector table for the STM32F405 (RM0090 §12.2, table 61): the initial stack
// pointer, the 15 core exceptions and the chip's 82 interrupts (IRQ 0 WWDG .. IRQ 81 FPU).
// The linker puts it at the start of flash (section .isr_vector). Handlers the port has:
// Reset, HardFault (and the faults that escalate to it), SysTick, USART1 (IRQ 37); every
// other entry is Default_Handler, which reports which exception it was and halts.
// Who may call: nobody; the core reads it.
#include <cstdint>

namespace ringside::stm32f405 {

using Handler = void (*)();

inline constexpr std::uint32_t kIrqCount = 82;

struct IrqHandlers {
    Handler entries[kIrqCount];  // IRQ n is exception 16 + n
};

struct VectorTable {
    const void* initial_stack_pointer;
    Handler core[15];  // exceptions 1..15: Reset, NMI, HardFault, ..., PendSV, SysTick
    IrqHandlers irq;   // exceptions 16..97
};

} // namespace ringside::stm32f405

extern "C" const ringside::stm32f405::VectorTable g_vector_table;
