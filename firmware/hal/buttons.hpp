#pragma once
// Physical buttons. Edges arrive as ButtonDown/ButtonUp events (debounced by the backend);
// the firmware measures press and hold durations itself with its timers.
#include <cstdint>

namespace ringside::hal {

enum class Button : std::uint8_t { Action, MicMute, VolumeUp, VolumeDown };
inline constexpr std::uint8_t kButtonCount = 4;

} // namespace ringside::hal
