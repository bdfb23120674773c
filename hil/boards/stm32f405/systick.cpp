#include "hil/boards/stm32f405/systick.hpp"

#include "hil/boards/stm32f405/mmio.hpp"

namespace ringside::stm32f405::systick {
namespace {

// Cortex-M4 generic user guide §4.4.
constexpr std::uintptr_t kCsr = 0xE000E010, kRvr = 0xE000E014, kCvr = 0xE000E018;
constexpr std::uint32_t kEnable = 1u << 0, kTickInt = 1u << 1, kProcessorClock = 1u << 2, kCountFlag = 1u << 16;

volatile std::uint32_t g_ms = 0;  // written by the handler only
std::uint32_t g_last_low = 0;     // millis64's view: the low word it last saw
std::uint64_t g_high = 0;         // and the wraps it has counted (times 2^32)

} // namespace

void start(std::uint32_t core_hz) {
    reg(kRvr) = core_hz / 1000 - 1;
    reg(kCvr) = 0;  // any write clears the counter and COUNTFLAG
    reg(kCsr) = kProcessorClock | kTickInt | kEnable;
}

bool started() { return (reg(kCsr) & kEnable) != 0; }

std::uint32_t millis() { return g_ms; }  // one aligned 32-bit load: atomic on the M4

std::uint64_t millis64() {
    const std::uint32_t low = g_ms;
    if (low < g_last_low) g_high += std::uint64_t{1} << 32;
    g_last_low = low;
    return g_high | low;
}

bool spin_ms(std::uint32_t ms) {
    if (!started()) return false;
    // COUNTFLAG sets at every wrap of the counter (once per ms) and clears when read, and it
    // keeps doing so with the SysTick interrupt masked.
    read_for_effect(kCsr);
    for (std::uint32_t seen = 0; seen < ms;)
        if (reg(kCsr) & kCountFlag) ++seen;
    return true;
}

} // namespace ringside::stm32f405::systick

extern "C" void SysTick_Handler() {
    ringside::stm32f405::systick::g_ms = ringside::stm32f405::systick::g_ms + 1;
}
