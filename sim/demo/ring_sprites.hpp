#pragma once
// The pixels the ring painter uploads once per geometry, computed here without SDL:
// straight (not premultiplied) RGBA, bytes in R, G, B, A order, row-major, no padding.
// Units: pixels (radii as in RingGeometry). Who may call: the ring painter, tests.
#include <cstdint>
#include <vector>

#include "firmware/hal/led_ring.hpp"
#include "sim/demo/ring_geometry.hpp"

namespace ringside::demo {

struct RgbaPixels {
    int width = 0, height = 0;
    std::vector<std::uint8_t> bytes;
};

// The colour an unlit LED's lens shows: dark, but not the ring body's colour, so a person
// can count the LEDs of a dark ring.
inline constexpr hal::Rgb kLensColour{18, 18, 22};

// What never changes in `area`: the background, the speaker's dark top, the ring body and
// every LED's unlit lens, placed as `geometry` says (its coordinates are canvas pixels;
// the result's pixel (0, 0) is the area's top-left corner). Opaque.
RgbaPixels ring_base(const RingGeometry& geometry, PixelRect area);

// White, with alpha falling smoothly from its centre to 0 at `glow_radius`: drawn with
// additive blending and the LED's colour as colour modulation, it is the LED's soft light.
// Square, 2 * ceil(glow_radius) + 1 pixels wide, centred on its middle pixel.
RgbaPixels glow_sprite(float glow_radius);

// A white disc of `led_radius` with an anti-aliased edge (alpha 255 inside): the LED's bright
// core, tinted with the LED's colour. Same shape rules as glow_sprite.
RgbaPixels core_sprite(float led_radius);

// The colour a core is tinted with for an LED showing `led`: the LED's own colour, never
// darker than the lens (a dim LED stays visible as a lens, a lit one reads as its colour).
hal::Rgb core_tint(hal::Rgb led);

} // namespace ringside::demo
