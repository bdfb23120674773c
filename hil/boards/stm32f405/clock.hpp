#pragma once
// The STM32F405's clock tree: HSE 8 MHz crystal -> PLL -> SYSCLK 168 MHz, AHB 168 MHz,
// APB1 42 MHz, APB2 84 MHz, flash at 5 wait states (RM0090 §6, §3.5.1). Every ready bit is
// waited for a bounded number of polls; when one never comes the clock stays on (or goes
// back to) the internal 16 MHz HSI, and the result says so, so the UART and SysTick divide
// the clock that actually runs. QEMU 7.2 does not emulate the RCC at all (its registers read
// 0 and ignore writes): that is recognised at once, without waiting.
// Who may call: start-up, once, before the UART and SysTick are started.
#include <cstdint>
#include <string_view>

namespace ringside::stm32f405 {

enum class ClockSource : std::uint8_t {
    HsePll,     // the crystal through the PLL: 168 MHz
    Hsi,        // the fall-back: no crystal, or the PLL or the switch did not come up
    RccAbsent,  // the RCC reads all zeros, impossible on silicon: an emulator (QEMU)
};

struct Clocks {
    std::uint32_t core_hz = 0;  // SYSCLK = HCLK: the CPU and SysTick (processor clock source)
    std::uint32_t apb2_hz = 0;  // USART1's kernel clock
    ClockSource source = ClockSource::Hsi;
};

Clocks start_clocks();

std::string_view to_string(ClockSource source);

} // namespace ringside::stm32f405
