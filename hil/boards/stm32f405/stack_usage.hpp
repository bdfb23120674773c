#pragma once
// The main stack's high-water mark: start-up paints the stack with a pattern, and whatever
// the program has since overwritten, from the top down, is the most it ever used.
// Who may call: paint — the reset handler only, before anything deep runs; high_water —
// anyone (it only reads).
#include <cstdint>

namespace ringside::stm32f405 {

inline constexpr std::uint32_t kStackPaint = 0xA5A5A5A5;  // unlikely as data, easy to spot in a dump

// Fills the stack below `in_use_from` (the current stack pointer, minus a margin for the
// caller's own frame) with kStackPaint.
void paint_stack(std::uintptr_t in_use_from);

// Bytes of the stack ever used: from its top down to the lowest word not still painted.
// A slight underestimate when a program stored the paint pattern itself.
std::uint32_t stack_high_water();

} // namespace ringside::stm32f405
