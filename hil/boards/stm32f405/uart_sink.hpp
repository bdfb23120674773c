#pragma once
// The board agent's frames out through USART1 (hil::ByteSink). Polled: write() returns once
// the last byte is in the transmit register (a full frame is ~90 ms at 115200 baud); a USART
// that stops taking bytes makes it return false instead of hanging (usart1::write).
// Who may call: the board agent, on the loop.
#include "hil/agent/byte_sink.hpp"
#include "hil/boards/stm32f405/usart1.hpp"

namespace ringside::stm32f405 {

class UartSink final : public hil::ByteSink {
public:
    bool write(const std::uint8_t* bytes, std::size_t count) override { return usart1::write(bytes, count); }
};

} // namespace ringside::stm32f405
