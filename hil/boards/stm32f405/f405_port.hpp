#pragma once
// The STM32F405's port: the board kit's KitPort (the firmware and the agent on parts that
// behave like the simulator's), its flash in the RAM the linker script sets aside as
// .flash_standin (QEMU does not emulate flash programming; see docs/board_port.md for what a
// board with real flash implements), and BoardStats measured on this chip.
// Who may call: main()'s loop (feed); the agent, from inside feed().
#include "hil/boards/common/kit_port.hpp"

namespace ringside::stm32f405 {

class F405Port final : public kit::KitPort {
public:
    // `sink` and `identity` must outlive the port (give all three static storage).
    F405Port(hil::ByteSink& sink, const hil::BoardIdentity& identity);

    hil::PortAnswer board_stats(hil::BoardStats& out) override;
};

} // namespace ringside::stm32f405
