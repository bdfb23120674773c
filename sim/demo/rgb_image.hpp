#pragma once
// A rendered frame as plain bytes: what the headless demo writes and tests sample.
// Units: pixels. Who may call: anyone.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "firmware/hal/led_ring.hpp"

namespace ringside::demo {

struct RgbImage {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgb;  // row-major, top row first, 3 bytes (R, G, B) per pixel, no padding

    RgbImage() = default;
    RgbImage(int w, int h) : width(w), height(h), rgb(static_cast<std::size_t>(w) * h * 3) {}

    // The pixel at column x, row y (both inside the image).
    hal::Rgb at(int x, int y) const {
        const std::size_t i = (static_cast<std::size_t>(y) * width + x) * 3;
        return {rgb[i], rgb[i + 1], rgb[i + 2]};
    }
};

} // namespace ringside::demo
