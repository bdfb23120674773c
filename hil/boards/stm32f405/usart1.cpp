#include "hil/boards/stm32f405/usart1.hpp"

#include "hil/boards/stm32f405/mmio.hpp"
#include "hil/boards/stm32f405/rx_ring.hpp"

namespace ringside::stm32f405::usart1 {
namespace {

// RM0090: RCC at 0x40023800, GPIOA at 0x40020000, USART1 at 0x40011000, NVIC at 0xE000E100.
constexpr std::uintptr_t kRccAhb1enr = 0x40023800 + 0x30;
constexpr std::uintptr_t kRccApb2enr = 0x40023800 + 0x44;
constexpr std::uint32_t kGpioaEn = 1u << 0;
constexpr std::uint32_t kUsart1En = 1u << 4;

constexpr std::uintptr_t kGpioa = 0x40020000;
constexpr std::uintptr_t kModer = kGpioa + 0x00, kOspeedr = kGpioa + 0x08, kPupdr = kGpioa + 0x0C,
                         kAfrh = kGpioa + 0x24;

constexpr std::uintptr_t kUsart1 = 0x40011000;
constexpr std::uintptr_t kSr = kUsart1 + 0x00, kDr = kUsart1 + 0x04, kBrr = kUsart1 + 0x08, kCr1 = kUsart1 + 0x0C,
                         kCr2 = kUsart1 + 0x10, kCr3 = kUsart1 + 0x14;
constexpr std::uint32_t kSrOre = 1u << 3, kSrRxne = 1u << 5, kSrTxe = 1u << 7;
constexpr std::uint32_t kCr1Re = 1u << 2, kCr1Te = 1u << 3, kCr1Rxneie = 1u << 5, kCr1Ue = 1u << 13;

constexpr std::uintptr_t kNvicIser = 0xE000E100;  // one bit per IRQ, 32 per word

// How long write() waits for TXE before one byte, in polls: one byte takes 87 us at 115200
// baud; 200000 polls are ~5 ms at 168 MHz and ~50 ms on the 16 MHz fall-back clock.
constexpr std::uint32_t kTxePolls = 200000;

RxRing<kRxRingBytes> g_rx;
volatile std::uint32_t g_overruns = 0;  // written by the interrupt handler
std::uint32_t g_tx_stalls = 0;

bool wait_txe() {
    for (std::uint32_t i = 0; i < kTxePolls; ++i)
        if (reg(kSr) & kSrTxe) return true;
    return false;
}

} // namespace

void start(std::uint32_t apb2_hz, std::uint32_t baud) {
    reg(kRccAhb1enr) |= kGpioaEn;
    reg(kRccApb2enr) |= kUsart1En;
    read_for_effect(kRccApb2enr);

    // PA9, PA10: alternate function (MODER 0b10), AF7 (USART1); TX fast, RX pulled up so an
    // unplugged line reads idle instead of as noise.
    reg(kModer) = (reg(kModer) & ~((3u << 18) | (3u << 20))) | (2u << 18) | (2u << 20);
    reg(kAfrh) = (reg(kAfrh) & ~((0xFu << 4) | (0xFu << 8))) | (7u << 4) | (7u << 8);
    reg(kOspeedr) = (reg(kOspeedr) & ~(3u << 18)) | (2u << 18);
    reg(kPupdr) = (reg(kPupdr) & ~(3u << 20)) | (1u << 20);

    // 16x oversampling: USARTDIV = f / (16 * baud), which BRR holds as 12.4 fixed point,
    // i.e. BRR = f / baud, rounded to nearest.
    reg(kCr1) = 0;
    reg(kCr2) = 0;  // 1 stop bit
    reg(kCr3) = 0;  // no flow control, no DMA
    reg(kBrr) = (apb2_hz + baud / 2) / baud;
    reg(kCr1) = kCr1Ue | kCr1Te | kCr1Re | kCr1Rxneie;  // 8 data bits, no parity

    reg(kNvicIser + 4 * (kIrq / 32)) = 1u << (kIrq % 32);
}

std::size_t read(std::uint8_t* out, std::size_t max) { return g_rx.pop(out, max); }

bool rx_pending() { return !g_rx.empty(); }

bool write(const std::uint8_t* bytes, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) {
        if (!wait_txe()) {
            ++g_tx_stalls;
            return false;
        }
        reg(kDr) = bytes[i];
    }
    return true;
}

std::uint32_t overruns() { return g_overruns; }
std::uint32_t tx_stalls() { return g_tx_stalls; }

} // namespace ringside::stm32f405::usart1

// RXNE (a byte is in DR) or ORE (one arrived before the last was read; DR holds the older
// one). Reading SR then DR clears both. One byte per interrupt: the USART has no FIFO.
extern "C" void USART1_IRQHandler() {
    using namespace ringside::stm32f405;
    using namespace ringside::stm32f405::usart1;
    const std::uint32_t sr = reg(kSr);
    if (!(sr & (kSrRxne | kSrOre))) return;
    const auto byte = static_cast<std::uint8_t>(reg(kDr));
    std::uint32_t lost = (sr & kSrOre) ? 1 : 0;
    if (!g_rx.push(byte)) ++lost;
    if (lost) g_overruns = g_overruns + lost;
}
