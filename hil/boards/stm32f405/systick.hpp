#pragma once
// The board's free-running millisecond counter: SysTick interrupting at 1 kHz from the
// processor clock. Free-running like a physical board's clock (no lockstep): what the port
// reports as world time and uptime.
// Who may call: start — start-up, once, with the core clock start_clocks() reported;
// millis/millis64 — the loop; the handler — the vector table only.
#include <cstdint>

namespace ringside::stm32f405::systick {

// 1 kHz from `core_hz` (Hz; at most 16.7 GHz: the reload register has 24 bits).
void start(std::uint32_t core_hz);
bool started();

// Milliseconds since start(): wraps after 49.7 days.
std::uint32_t millis();
// The same, widened: never wraps, provided the loop calls it at least once per 49 days.
std::uint64_t millis64();

// Polls (interrupts masked, e.g. in a fault handler) until `ms` SysTick periods have passed.
// False at once if SysTick was never started: the caller must bound its wait another way.
bool spin_ms(std::uint32_t ms);

} // namespace ringside::stm32f405::systick

extern "C" void SysTick_Handler();
