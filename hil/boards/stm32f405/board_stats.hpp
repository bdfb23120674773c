#pragma once
// The figures BoardStats carries (docs/hil_protocol.md), measured on this board: the painted
// stack's high-water mark, static RAM and flash from the linker's symbols, the heap trap's
// count, USART1's lost bytes, SysTick's uptime.
// Who may call: the port's board_stats() hook, from the loop.
#include "hil/protocol/messages.hpp"

namespace ringside::stm32f405 {

hil::BoardStats measure_board_stats();

} // namespace ringside::stm32f405
