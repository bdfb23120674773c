#include "firmware/buttons/button_names.hpp"

#include <array>
#include <cstddef>

namespace ringside::fw {
namespace {

constexpr std::array<std::string_view, hal::kButtonCount> kNames = {"action", "mic_mute", "volume_up",
                                                                    "volume_down"};

} // namespace

std::string_view to_string(hal::Button button) {
    const auto index = static_cast<std::size_t>(button);
    return index < kNames.size() ? kNames[index] : std::string_view("unknown");
}

bool parse(std::string_view name, hal::Button& out) {
    for (std::size_t i = 0; i < kNames.size(); ++i) {
        if (kNames[i] == name) {
            out = static_cast<hal::Button>(i);
            return true;
        }
    }
    return false;
}

} // namespace ringside::fw
