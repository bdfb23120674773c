// Reset: from the chip's state out of reset to main(), with nothing but registers and the
// linker's symbols (no C library start files: -nostartfiles). In order: .data's initial
// values copied from flash, .bss zeroed, the FPU enabled, the vector table's address set,
// the stack painted for the high-water mark, static constructors run, main().
#include <cstdint>

#include "hil/boards/stm32f405/cortex_m.hpp"
#include "hil/boards/stm32f405/fault.hpp"
#include "hil/boards/stm32f405/linker_symbols.hpp"
#include "hil/boards/stm32f405/mmio.hpp"
#include "hil/boards/stm32f405/stack_usage.hpp"
#include "hil/boards/stm32f405/vector_table.hpp"

int main();

namespace {

// CP10 and CP11 (the FPU) full access. Hard-float code may use an FPU register anywhere, so
// this comes before any C++ beyond plain integer copies.
constexpr std::uint32_t kCpacrFpuFull = 0xFu << 20;

// Below the reset handler's own frame: painting must not overwrite what it is using.
constexpr std::uintptr_t kPaintMargin = 64;

void run(InitFunction* first, InitFunction* last) {
    for (InitFunction* f = first; f < last; ++f) (*f)();
}

} // namespace

extern "C" [[noreturn]] void Reset_Handler() {
    using namespace ringside::stm32f405;
    // Volatile walks: the compiler must neither drop nor reorder these, and must not turn
    // them into library calls that might assume an initialised C library.
    volatile std::uint32_t* to = __data_start;
    const volatile std::uint32_t* from = __data_load;
    while (to < __data_end) *to++ = *from++;
    for (volatile std::uint32_t* b = __bss_start; b < __bss_end;) *b++ = 0;

    reg(scb::kCpacr) |= kCpacrFpuFull;
    asm volatile("dsb\n isb" ::: "memory");  // the FPU is usable from the next instruction on

    // Booting from flash maps it at 0 as well; point VTOR at the table's real address so it
    // holds whichever way the board boots (or a boot loader jumped here).
    reg(scb::kVtor) = static_cast<std::uint32_t>(address_of(&g_vector_table));

    paint_stack(stack_pointer() - kPaintMargin);

    run(__preinit_array_start, __preinit_array_end);
    run(__init_array_start, __init_array_end);

    main();
    halt_with_fault("main() returned: the board's loop must never end");
}
