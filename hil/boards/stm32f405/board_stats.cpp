#include "hil/boards/stm32f405/board_stats.hpp"

#include "hil/boards/stm32f405/heap_trap.hpp"
#include "hil/boards/stm32f405/linker_symbols.hpp"
#include "hil/boards/stm32f405/stack_usage.hpp"
#include "hil/boards/stm32f405/systick.hpp"
#include "hil/boards/stm32f405/usart1.hpp"

namespace ringside::stm32f405 {

hil::BoardStats measure_board_stats() {
    hil::BoardStats s;
    s.stack_size = stack_size_bytes();
    s.stack_high_water = stack_high_water();
    s.heap_allocations_after_init = heap_allocations_after_init();
    s.static_ram = static_ram_bytes();
    s.flash_used = flash_used_bytes();
    s.rx_overruns = usart1::overruns();
    s.uptime_ms = systick::millis();
    return s;
}

} // namespace ringside::stm32f405
