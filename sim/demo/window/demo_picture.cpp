#include "sim/demo/window/demo_picture.hpp"

namespace ringside::demo {

bool operator==(const DemoPicture& a, const DemoPicture& b) {
    if (a.panel.size() != b.panel.size()) return false;
    for (std::size_t i = 0; i < a.panel.size(); ++i)
        if (a.panel[i].label != b.panel[i].label || a.panel[i].value != b.panel[i].value) return false;
    return a.leds == b.leds && a.held == b.held && a.action_hold == b.action_hold &&
           a.speaker_enabled == b.speaker_enabled && a.paused == b.paused && a.speed == b.speed &&
           a.typing == b.typing && a.typed == b.typed && a.hint == b.hint && a.notes == b.notes;
}

} // namespace ringside::demo
