#include "hil/boards/stm32f405/vector_table.hpp"

#include "hil/boards/stm32f405/fault_handlers.hpp"
#include "hil/boards/stm32f405/linker_symbols.hpp"
#include "hil/boards/stm32f405/systick.hpp"
#include "hil/boards/stm32f405/usart1.hpp"

extern "C" void Reset_Handler();

namespace ringside::stm32f405 {
namespace {

constexpr IrqHandlers make_irq_handlers() {
    IrqHandlers table{};
    for (Handler& h : table.entries) h = Default_Handler;
    table.entries[usart1::kIrq] = USART1_IRQHandler;
    return table;
}

} // namespace
} // namespace ringside::stm32f405

// Constant-initialised (it is read before any start-up code runs), so it lives in flash.
// `used`: nothing in the program refers to it; the linker script keeps its section.
extern "C" __attribute__((section(".isr_vector"), used)) const ringside::stm32f405::VectorTable g_vector_table = {
    __stack_top,
    {
        Reset_Handler,
        Default_Handler,    // NMI
        HardFault_Handler,
        HardFault_Handler,  // MemManage (not enabled: it escalates to HardFault anyway)
        HardFault_Handler,  // BusFault (likewise)
        HardFault_Handler,  // UsageFault (likewise)
        nullptr, nullptr, nullptr, nullptr,  // reserved
        Default_Handler,    // SVCall
        Default_Handler,    // DebugMonitor
        nullptr,            // reserved
        Default_Handler,    // PendSV
        SysTick_Handler,
    },
    ringside::stm32f405::make_irq_handlers(),
};
