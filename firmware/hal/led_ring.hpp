#pragma once
// The 12-LED light ring. LED 0 is at 12 o'clock; indices grow clockwise seen from above.
#include <array>
#include <cstddef>
#include <cstdint>

namespace ringside::hal {

struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
    friend constexpr bool operator==(Rgb a, Rgb b) { return a.r == b.r && a.g == b.g && a.b == b.b; }
    friend constexpr bool operator!=(Rgb a, Rgb b) { return !(a == b); }
};

inline constexpr std::size_t kLedCount = 12;
using RingFrame = std::array<Rgb, kLedCount>;

class LedRing {
public:
    // Latches a whole frame onto the LEDs. Called by the attention system only.
    virtual void show(const RingFrame& frame) = 0;

protected:
    ~LedRing() = default;
};

} // namespace ringside::hal
