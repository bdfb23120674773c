#pragma once
// Where the demo draws the speaker: pure arithmetic, no SDL, so tests (and anything that
// samples rendered pixels) can find each LED without a renderer.
// Units: pixels, x to the right, y downwards, origin at the canvas' top-left corner.
// LED 0 sits at 12 o'clock and indices grow clockwise, as on the device
// (firmware/hal/led_ring.hpp). Who may call: anyone.
#include <array>

#include "firmware/hal/led_ring.hpp"

namespace ringside::demo {

struct PixelPoint {
    float x = 0, y = 0;  // sub-pixel: an LED's centre rarely falls on a pixel's corner
};

struct PixelRect {
    int x = 0, y = 0, w = 0, h = 0;
};

struct RingGeometry {
    PixelPoint centre;        // the speaker's centre
    float top_radius = 0;     // the speaker's dark top (a disc)
    float ring_radius = 0;    // the circle through every LED centre
    float ring_width = 0;     // radial width of the ring body the LEDs sit in
    float led_radius = 0;     // an LED's bright core
    float glow_radius = 0;    // how far an LED's glow reaches from its centre
    std::array<PixelPoint, hal::kLedCount> leds{};  // LED i's centre
};

// The speaker centred in `area`, sized to its smaller side (a small margin left around).
// An empty area gives a geometry of zero size at the area's corner.
RingGeometry ring_geometry(PixelRect area);

// How the demo splits a canvas: the speaker above, the state panel in a strip below,
// wide enough for a verification URL on one line.
struct SceneLayout {
    PixelRect ring;
    PixelRect panel;
};
SceneLayout scene_layout(int width, int height);

// The window and the headless frames' default size.
inline constexpr int kDefaultWidth = 800;
inline constexpr int kDefaultHeight = 600;

} // namespace ringside::demo
