#pragma once
// The 12-LED light ring. LED 0 is at 12 o'clock; indices grow clockwise seen from above.
#include <array>
#include <cstddef>
#include <cstdint>

namespace ringside::hal {

struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
    // Parameters named x and y: a parameter `b` would shadow the member (clang's -Wshadow).
    friend constexpr bool operator==(Rgb x, Rgb y) { return x.r == y.r && x.g == y.g && x.b == y.b; }
    friend constexpr bool operator!=(Rgb x, Rgb y) { return !(x == y); }
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
