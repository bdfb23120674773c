#include "hil/boards/stm32f405/clock.hpp"

#include "hil/boards/stm32f405/mmio.hpp"

namespace ringside::stm32f405 {
namespace {

constexpr std::uintptr_t kRcc = 0x40023800;
constexpr std::uintptr_t kCr = kRcc + 0x00, kPllcfgr = kRcc + 0x04, kCfgr = kRcc + 0x08, kApb1enr = kRcc + 0x40;
constexpr std::uint32_t kHsiRdy = 1u << 1, kHseOn = 1u << 16, kHseRdy = 1u << 17, kPllOn = 1u << 24,
                        kPllRdy = 1u << 25;
constexpr std::uint32_t kPwrEn = 1u << 28;

constexpr std::uintptr_t kPwrCr = 0x40007000;
constexpr std::uint32_t kVosScale1 = 1u << 14;  // the regulator setting 168 MHz needs

constexpr std::uintptr_t kFlashAcr = 0x40023C00;
constexpr std::uint32_t kLatencyMask = 7u, kPrften = 1u << 8, kIcen = 1u << 9, kDcen = 1u << 10;
constexpr std::uint32_t kLatency168MHz = 5;  // wait states at 168 MHz, 2.7-3.6 V (RM0090 table 10)

// PLL: 8 MHz / M(8) = 1 MHz into the VCO, x N(336) = 336 MHz, / P(2) = 168 MHz SYSCLK,
// / Q(7) = 48 MHz for USB. HSE as the source.
constexpr std::uint32_t kPllcfgr168 = (8u << 0) | (336u << 6) | (0u << 16) /* P = 2 */ | (1u << 22) | (7u << 24);

// CFGR: AHB / 1, APB1 / 4 (42 MHz, its limit), APB2 / 2 (84 MHz, its limit), SYSCLK from the PLL.
constexpr std::uint32_t kPrescalers = (0u << 4) | (5u << 10) | (4u << 13);
constexpr std::uint32_t kSwMask = 3u, kSwPll = 2u, kSwsMask = 3u << 2, kSwsPll = 2u << 2;

constexpr std::uint32_t kHsiHz = 16'000'000;
constexpr std::uint32_t kPllHz = 168'000'000;

// Poll budgets, counted on the 16 MHz HSI we start on (a poll is a few cycles): the crystal
// gets ~100 ms (ST's HSE_STARTUP_TIMEOUT), the PLL and the switch ~10 ms (they take
// microseconds on a good board).
constexpr std::uint32_t kHsePolls = 400'000;
constexpr std::uint32_t kPllPolls = 40'000;
constexpr std::uint32_t kSwitchPolls = 40'000;

bool wait_for(std::uintptr_t address, std::uint32_t mask, std::uint32_t value, std::uint32_t polls) {
    for (std::uint32_t i = 0; i < polls; ++i)
        if ((reg(address) & mask) == value) return true;
    return false;
}

// Back to the state the chip left reset in: HSI, no prescalers, PLL and crystal off.
Clocks fall_back_to_hsi() {
    reg(kCfgr) = 0;
    (void)wait_for(kCfgr, kSwsMask, 0, kSwitchPolls);
    reg(kCr) &= ~(kPllOn | kHseOn);
    return Clocks{kHsiHz, kHsiHz, ClockSource::Hsi};
}

} // namespace

Clocks start_clocks() {
    // HSIRDY is set out of reset and while the core runs on the HSI: all zeros means no RCC.
    // QEMU's netduinoplus2 then clocks the core (and SysTick's processor clock) at a fixed
    // 168 MHz whatever software asks, and ignores baud rates.
    if ((reg(kCr) & kHsiRdy) == 0) return Clocks{kPllHz, kPllHz / 2, ClockSource::RccAbsent};

    reg(kCr) |= kHseOn;
    if (!wait_for(kCr, kHseRdy, kHseRdy, kHsePolls)) return fall_back_to_hsi();  // no crystal

    reg(kApb1enr) |= kPwrEn;
    read_for_effect(kApb1enr);
    reg(kPwrCr) |= kVosScale1;

    reg(kPllcfgr) = kPllcfgr168;
    reg(kCr) |= kPllOn;
    if (!wait_for(kCr, kPllRdy, kPllRdy, kPllPolls)) return fall_back_to_hsi();

    // More wait states before the faster clock, never after; read back, because running at
    // 168 MHz with too few would fetch garbage.
    reg(kFlashAcr) = kLatency168MHz | kPrften | kIcen | kDcen;
    if ((reg(kFlashAcr) & kLatencyMask) != kLatency168MHz) return fall_back_to_hsi();

    reg(kCfgr) = kPrescalers;
    reg(kCfgr) = kPrescalers | kSwPll;
    if (!wait_for(kCfgr, kSwsMask, kSwsPll, kSwitchPolls)) return fall_back_to_hsi();
    return Clocks{kPllHz, kPllHz / 2, ClockSource::HsePll};
}

std::string_view to_string(ClockSource source) {
    switch (source) {
        case ClockSource::HsePll: return "HSE+PLL 168 MHz";
        case ClockSource::Hsi: return "HSI 16 MHz (fall-back)";
        case ClockSource::RccAbsent: return "no RCC (emulator)";
    }
    return "unknown";
}

} // namespace ringside::stm32f405
