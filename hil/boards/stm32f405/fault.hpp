#pragma once
// Stopping the board so that the host knows why: a Fault message (docs/hil_protocol.md,
// type 0x30), framed like any other, on USART1, then a halt. The host turns it into an error
// naming the port and quoting `what` ("the board on tcp:127.0.0.1:4001 stopped: ...").
// Who may call: anything on the board, from the loop, an interrupt or a fault handler, at
// any time after the USART is started (before that the text goes nowhere, the board still
// halts). Never returns.
#include <cstddef>
#include <string_view>

namespace ringside::stm32f405 {

// What the Fault carries at most (bytes); a longer `what` is cut.
inline constexpr std::size_t kMaxFaultText = 200;

// Masks interrupts, copies `what` (it may live on the stack about to be abandoned), moves
// onto a fresh stack (the old one may be the problem), sends the Fault, and halts: the
// Fault goes out again about once a second, so a host that connects later still learns why.
[[noreturn]] void halt_with_fault(std::string_view what);

} // namespace ringside::stm32f405
