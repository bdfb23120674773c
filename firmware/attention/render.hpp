#pragma once
// Ring patterns as pure functions of time: the same (pattern, elapsed) always gives the
// same frame, so a run replays byte for byte and tests can sample any instant.
// Who may call: the attention driver, the simulator's renderer, tests.
#include "firmware/core/states.hpp"
#include "firmware/hal/clock.hpp"
#include "firmware/hal/led_ring.hpp"

namespace ringside::fw::attention {

// The palette, so tests and renderers can name the colours they expect.
inline constexpr hal::Rgb kOrange{255, 100, 0};
inline constexpr hal::Rgb kBlue{0, 0, 255};
inline constexpr hal::Rgb kCyan{0, 255, 255};
inline constexpr hal::Rgb kRed{255, 0, 0};
inline constexpr hal::Rgb kPurple{160, 0, 255};
inline constexpr hal::Rgb kBlack{0, 0, 0};

// How often an LED driver refreshes an animated pattern (~30 fps): the board's choice, this is
// what the board kit and the board emulator use when the host streams the ring.
inline constexpr hal::Millis kFramePeriod{33};

// The frame of `pattern` at `elapsed` since the pattern started (elapsed >= 0).
// LED 0 is at 12 o'clock, indices grow clockwise.
hal::RingFrame render(RingPattern pattern, hal::Millis elapsed);

// False for patterns whose frame never changes (off, listening, mic_off, wifi_error):
// those are shown once and need no frame timer.
bool is_animated(RingPattern pattern);

} // namespace ringside::fw::attention
