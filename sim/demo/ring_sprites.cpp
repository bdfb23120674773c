#include "sim/demo/ring_sprites.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace ringside::demo {
namespace {

struct Rgbf {
    float r, g, b;
};

Rgbf to_f(hal::Rgb c) { return {float(c.r), float(c.g), float(c.b)}; }

Rgbf mix(Rgbf a, Rgbf b, float t) { return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t}; }

float clamp01(float v) { return std::min(1.0f, std::max(0.0f, v)); }

// How much of a pixel whose centre is `distance` from a circle's centre the circle covers:
// a one-pixel ramp at the edge instead of a staircase.
float coverage(float distance, float radius) { return clamp01(radius - distance + 0.5f); }

std::uint8_t byte(float v) { return static_cast<std::uint8_t>(std::lround(std::min(255.0f, std::max(0.0f, v)))); }

// Dark greys with a hint of blue: the speaker's fabric-less top as seen in a dim room.
constexpr hal::Rgb kBackground{9, 10, 13};
constexpr hal::Rgb kTopCentre{27, 28, 33};
constexpr hal::Rgb kTopEdge{16, 17, 20};
constexpr hal::Rgb kTopRim{44, 46, 53};
constexpr hal::Rgb kBody{31, 32, 38};
constexpr hal::Rgb kBodyEdge{22, 23, 28};

RgbaPixels square_sprite(float radius, float (*alpha_at)(float distance, float radius)) {
    RgbaPixels p;
    const int half = static_cast<int>(std::ceil(std::max(0.0f, radius)));
    p.width = p.height = 2 * half + 1;
    p.bytes.resize(static_cast<std::size_t>(p.width) * p.height * 4);
    for (int y = 0; y < p.height; ++y)
        for (int x = 0; x < p.width; ++x) {
            const float d = std::hypot(float(x - half), float(y - half));
            std::uint8_t* px = &p.bytes[(static_cast<std::size_t>(y) * p.width + x) * 4];
            px[0] = px[1] = px[2] = 255;
            px[3] = byte(255.0f * alpha_at(d, radius));
        }
    return p;
}

} // namespace

hal::Rgb core_tint(hal::Rgb led) {
    return {std::max(led.r, kLensColour.r), std::max(led.g, kLensColour.g), std::max(led.b, kLensColour.b)};
}

RgbaPixels ring_base(const RingGeometry& g, PixelRect area) {
    RgbaPixels p;
    p.width = std::max(0, area.w);
    p.height = std::max(0, area.h);
    p.bytes.resize(static_cast<std::size_t>(p.width) * p.height * 4);
    const float rim = std::max(1.0f, g.top_radius * 0.018f);
    const float lens_radius = g.led_radius * 1.35f;
    const float body_inner = g.ring_radius - g.ring_width / 2, body_outer = g.ring_radius + g.ring_width / 2;
    for (int y = 0; y < p.height; ++y)
        for (int x = 0; x < p.width; ++x) {
            const float cx = area.x + x + 0.5f, cy = area.y + y + 0.5f;
            const float d = std::hypot(cx - g.centre.x, cy - g.centre.y);
            Rgbf c = to_f(kBackground);
            if (g.top_radius > 0) {
                // The top is lit from above: brighter in the middle, a lighter rim at the edge.
                const float t = clamp01(d / g.top_radius);
                Rgbf top = mix(to_f(kTopCentre), to_f(kTopEdge), t * t);
                top = mix(top, to_f(kTopRim), 1.0f - coverage(d, g.top_radius - rim));
                c = mix(c, top, coverage(d, g.top_radius));
                // The body: a slightly raised band, darker at its edges.
                const float across = clamp01(std::fabs(d - g.ring_radius) / (g.ring_width / 2));
                const Rgbf body = mix(to_f(kBody), to_f(kBodyEdge), across * across);
                c = mix(c, body, coverage(d, body_outer) * (1.0f - coverage(d, body_inner)));
                for (const PixelPoint& led : g.leds)
                    c = mix(c, to_f(kLensColour), coverage(std::hypot(cx - led.x, cy - led.y), lens_radius));
            }
            std::uint8_t* px = &p.bytes[(static_cast<std::size_t>(y) * p.width + x) * 4];
            px[0] = byte(c.r);
            px[1] = byte(c.g);
            px[2] = byte(c.b);
            px[3] = 255;
        }
    return p;
}

RgbaPixels glow_sprite(float glow_radius) {
    return square_sprite(glow_radius, [](float d, float r) {
        if (r <= 0 || d >= r) return 0.0f;
        // A bright halo near the core fading into a long soft tail, like light scattered in
        // the ring's diffuser; 0.6 at the centre leaves room for neighbours to add up.
        const float t = 1.0f - d / r;
        return 0.6f * t * t * (0.35f + 0.65f * t);
    });
}

RgbaPixels core_sprite(float led_radius) {
    return square_sprite(led_radius, [](float d, float r) { return coverage(d, r); });
}

} // namespace ringside::demo
