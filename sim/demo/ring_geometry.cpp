#include "sim/demo/ring_geometry.hpp"

#include <algorithm>
#include <cmath>

namespace ringside::demo {

RingGeometry ring_geometry(PixelRect area) {
    RingGeometry g;
    g.centre = {area.x + area.w / 2.0f, area.y + area.h / 2.0f};
    const float side = static_cast<float>(std::max(0, std::min(area.w, area.h)));
    // Proportions of an Echo seen from above: the LEDs near the rim, the glow spilling a
    // little past it, so the ring still fits the area with its glow.
    g.top_radius = side * 0.46f;
    g.ring_radius = side * 0.38f;
    g.ring_width = side * 0.085f;
    g.led_radius = side * 0.028f;
    g.glow_radius = side * 0.11f;
    constexpr float kTwoPi = 6.28318530718f;
    for (std::size_t i = 0; i < hal::kLedCount; ++i) {
        const float angle = kTwoPi * static_cast<float>(i) / hal::kLedCount;  // clockwise from 12 o'clock
        g.leds[i] = {g.centre.x + g.ring_radius * std::sin(angle), g.centre.y - g.ring_radius * std::cos(angle)};
    }
    return g;
}

SceneLayout scene_layout(int width, int height) {
    width = std::max(0, width);
    height = std::max(0, height);
    // Seven lines of 15 px text at the panel painter's line height (23 px) with its padding
    // need about 181 px; small canvases give the ring the most.
    const int panel_h = std::min(height / 3, 185);
    return {{0, 0, width, height - panel_h}, {0, height - panel_h, width, panel_h}};
}

} // namespace ringside::demo
