#pragma once
// No heap on this board, enforced: the image links with malloc, calloc, realloc, free and
// their newlib reentrant forms wrapped (-Wl,--wrap=...) and with every form of operator
// new/delete replaced, all landing here. There is no memory to give, so any allocation
// stops the board with a Fault the host shows: after heap_trap_arm() "heap allocation of 16
// bytes after init (operator new, called from 0x08001234)" — look the address up with
// `arm-none-eabi-addr2line -e ringside-stm32f405.elf 0x08001234`; before it, the same with
// "during start-up", since that is a bug too, only an earlier one.
// Who may call: heap_trap_arm — the port's main(), once, at the end of initialisation;
// the counters — anyone.
#include <cstdint>

namespace ringside::stm32f405 {

void heap_trap_arm();
bool heap_trap_armed();

// Allocations attempted after heap_trap_arm(). The first one halts the board, so a running
// board reports 0; the count is for the Fault and for ports that count instead of trapping.
std::uint32_t heap_allocations_after_init();

} // namespace ringside::stm32f405
