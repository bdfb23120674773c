#pragma once
// Trace names of the physical buttons ("action", "mic_mute", "volume_up", "volume_down").
// Who may call: any firmware module; backends and tests may use it to read traces.
#include <string_view>

#include "firmware/hal/buttons.hpp"

namespace ringside::fw {

std::string_view to_string(hal::Button button);
bool parse(std::string_view name, hal::Button& out);

} // namespace ringside::fw
