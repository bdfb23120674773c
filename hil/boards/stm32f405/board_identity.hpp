#pragma once
// Who this board is, for HelloAck: the chip, a board id and the build. The board id is the
// STM32's 96-bit unique device id in hex ("STM32F405-1f0039000a51353532383834"); under QEMU,
// which does not map the id's address (reading it would fault), "qemu-netduinoplus2".
// Who may call: main(), after start_clocks() (whose result says whether this is QEMU).
#include <string_view>

#include "hil/boards/stm32f405/clock.hpp"

namespace ringside::stm32f405 {

inline constexpr std::string_view kChip = "STM32F405";

// The text lives as long as the program.
std::string_view board_id(const Clocks& clocks);

} // namespace ringside::stm32f405
