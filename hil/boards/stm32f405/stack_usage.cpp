#include "hil/boards/stm32f405/stack_usage.hpp"

#include "hil/boards/stm32f405/linker_symbols.hpp"

namespace ringside::stm32f405 {

void paint_stack(std::uintptr_t in_use_from) {
    for (auto* word = __stack_bottom; address_of(word) + 4 <= in_use_from; ++word) *word = kStackPaint;
}

std::uint32_t stack_high_water() {
    const std::uint32_t* word = __stack_bottom;
    while (word < __stack_top && *word == kStackPaint) ++word;
    return address_of(__stack_top) - address_of(word);
}

} // namespace ringside::stm32f405
