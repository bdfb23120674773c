#pragma once
// USART1 on PA9 (TX) / PA10 (RX), alternate function 7: the board's HIL link (RM0090 §30).
// 8N1 at the baud rate asked for, computed from the APB2 clock that actually runs. Receive
// is interrupt-driven (RXNE, IRQ 37) into a 512-byte ring; transmit is polled. QEMU's
// netduinoplus2 connects this USART to its -serial backend (baud rate ignored there).
// Who may call: start, read, rx_pending, write, counters — the loop (write also from the
// fault reporter, with interrupts masked); USART1_IRQHandler — the vector table only.
#include <cstddef>
#include <cstdint>

namespace ringside::stm32f405::usart1 {

inline constexpr std::uint32_t kIrq = 37;  // USART1 global interrupt (RM0090 table 61)
inline constexpr std::size_t kRxRingBytes = 512;  // 44 ms of line at 115200 baud

// Clocks GPIOA and USART1, routes PA9/PA10 to it, sets 8N1 at `baud` from `apb2_hz` (Hz),
// enables receive interrupts. Call once, before interrupts are enabled.
void start(std::uint32_t apb2_hz, std::uint32_t baud);

// Up to `max` received bytes, oldest first; returns how many (0: none waiting).
std::size_t read(std::uint8_t* out, std::size_t max);
bool rx_pending();

// Sends `count` bytes, waiting (bounded) for the transmit register before each. True when
// all left; false when the USART would not take the first byte (nothing sent) or stopped
// mid-way (the rest dropped, counted in tx_stalls()): a wedged USART never hangs the board.
bool write(const std::uint8_t* bytes, std::size_t count);

// Received bytes lost: the hardware overran (a byte arrived before the last was read) or
// the ring was full. Counts only grow.
std::uint32_t overruns();
// Writes abandoned because the transmit register stayed full.
std::uint32_t tx_stalls();

} // namespace ringside::stm32f405::usart1

extern "C" void USART1_IRQHandler();
