#pragma once
// Memory-mapped registers: a 32-bit volatile word at a fixed address (RM0090 and the
// Cortex-M4 generic user guide give the addresses; each driver names its own). Volatile so
// every read and write reaches the peripheral, in program order.
// Who may call: the board's drivers, from the loop or their interrupt handlers.
#include <cstdint>

namespace ringside::stm32f405 {

inline volatile std::uint32_t& reg(std::uintptr_t address) { return *reinterpret_cast<volatile std::uint32_t*>(address); }

// Reads a register for its effect alone: after enabling a peripheral clock (RM0090 §6.3.10:
// the read delays the next access until the clock runs), or to clear a read-to-clear flag.
inline void read_for_effect(std::uintptr_t address) {
    const std::uint32_t value = reg(address);
    (void)value;
}

} // namespace ringside::stm32f405
