#pragma once
// What a firing fault draws from its own seeded stream: a delay from its shape, and the
// bytes of a random-bytes break. Pure functions of the stream, so the same seed gives the
// same delays and bytes on every host. Who may call: the fault table and its tests.
#include <string>

#include "cloud/service/cloud_types.hpp"
#include "common/prng.hpp"

namespace ringside::cloud {

// A drawn delay never exceeds this (a log-normal tail is unbounded), nor goes below 0.
inline constexpr Millis kMaxDrawnDelay = std::chrono::hours(1);

// Fixed takes nothing from the stream; Uniform one draw, LogNormal two (Box-Muller), so a
// fault's stream advances the same way on every firing whatever was drawn.
Millis draw_delay(const Fault& fault, common::Prng& stream);

// kRandomBytesLength bytes. The first is never 'H' or 'h', so the garbage can never pass
// for a status line ("HTTP/1.1 ...") however the dice fall.
inline constexpr std::size_t kRandomBytesLength = 64;
std::string draw_random_bytes(common::Prng& stream);

} // namespace ringside::cloud
