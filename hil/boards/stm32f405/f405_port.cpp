#include "hil/boards/stm32f405/f405_port.hpp"

#include "hil/boards/stm32f405/board_stats.hpp"
#include "hil/boards/stm32f405/linker_symbols.hpp"

namespace ringside::stm32f405 {
namespace {

// The token store's flash: the kit's geometry (4 sectors of 4 KiB, as sim::VirtualFlash) in
// .flash_standin, which the linker script sizes to match.
kit::FlashRegion standin_region() {
    const FlashStandin standin = flash_standin();
    kit::FlashRegion region{standin.bytes};
    // A linker script that gave less would let the store write past it: refuse to run.
    if (standin.size < region.size()) __builtin_trap();
    return region;
}

} // namespace

F405Port::F405Port(hil::ByteSink& sink, const hil::BoardIdentity& identity)
    : kit::KitPort(sink, identity, standin_region()) {}

hil::PortAnswer F405Port::board_stats(hil::BoardStats& out) {
    out = measure_board_stats();
    return hil::PortAnswer::ok();
}

} // namespace ringside::stm32f405
