#pragma once
// The few Cortex-M4 core operations the port needs that C++ cannot say: masking interrupts,
// sleeping until one, reading the stack pointer and the active exception number.
// Who may call: the port's start-up, loop, drivers and fault handlers.
#include <cstdint>

namespace ringside::stm32f405 {

// PRIMASK: masks every interrupt with configurable priority (all of ours, and SysTick).
inline void disable_interrupts() { asm volatile("cpsid i" ::: "memory"); }
inline void enable_interrupts() { asm volatile("cpsie i" ::: "memory"); }

// Sleep until an interrupt is pending. Called with interrupts masked, it still wakes on one
// (WFI wakes on a pending interrupt whatever PRIMASK says), so "check, then sleep" under the
// mask cannot miss a byte that arrived between the two.
inline void wait_for_interrupt() { asm volatile("wfi" ::: "memory"); }

inline std::uintptr_t stack_pointer() {
    std::uintptr_t sp;
    asm volatile("mov %0, sp" : "=r"(sp));
    return sp;
}

// The exception being handled (IPSR): 0 in thread mode, 2 NMI, 3 HardFault, 15 SysTick,
// 16 + n for IRQ n.
inline std::uint32_t active_exception() {
    std::uint32_t ipsr;
    asm volatile("mrs %0, ipsr" : "=r"(ipsr));
    return ipsr & 0x1FF;
}

// System control block registers used by start-up and fault reporting (Cortex-M4 generic
// user guide, 4.3).
namespace scb {
inline constexpr std::uintptr_t kVtor = 0xE000ED08;   // vector table offset
inline constexpr std::uintptr_t kCfsr = 0xE000ED28;   // configurable fault status (MMFSR|BFSR|UFSR)
inline constexpr std::uintptr_t kHfsr = 0xE000ED2C;   // HardFault status
inline constexpr std::uintptr_t kMmfar = 0xE000ED34;  // MemManage fault address
inline constexpr std::uintptr_t kBfar = 0xE000ED38;   // BusFault address
inline constexpr std::uintptr_t kCpacr = 0xE000ED88;  // coprocessor access (the FPU is CP10/CP11)
} // namespace scb

} // namespace ringside::stm32f405
