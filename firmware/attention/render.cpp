#include "firmware/attention/render.hpp"

#include <cstddef>
#include <cstdint>

namespace ringside::fw::attention {
namespace {

using hal::Millis;
using hal::Rgb;
using hal::RingFrame;
constexpr std::size_t kLeds = hal::kLedCount;

// Integer maths only: float rounding may differ between a board and the host, and frames
// must match byte for byte across both.
Rgb scale(Rgb c, unsigned level /* 0..255 */) {
    return Rgb{static_cast<std::uint8_t>(c.r * level / 255), static_cast<std::uint8_t>(c.g * level / 255),
               static_cast<std::uint8_t>(c.b * level / 255)};
}

Rgb blend(Rgb a, Rgb b, unsigned t /* 0 = a .. 255 = b */) {
    auto mix = [t](std::uint8_t x, std::uint8_t y) {
        return static_cast<std::uint8_t>((x * (255 - t) + y * t) / 255);
    };
    return Rgb{mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b)};
}

// 0 at the start of each period, 255 at its middle, back to 0: a breathing envelope.
unsigned triangle(Millis elapsed, Millis period) {
    const auto p = static_cast<std::uint64_t>(period.count());
    const auto phase = static_cast<std::uint64_t>(elapsed.count()) % p;
    const std::uint64_t half = p / 2;
    const std::uint64_t up = phase < half ? phase : p - phase;
    return static_cast<unsigned>(up * 255 / half);
}

std::size_t step(Millis elapsed, Millis per_step) {
    return static_cast<std::size_t>(elapsed.count() / per_step.count());
}

RingFrame fill(Rgb c) {
    RingFrame f;
    f.fill(c);
    return f;
}

// A comet: full brightness at `head`, fading tail counter-clockwise behind it, so it reads
// as moving clockwise as `head` grows.
RingFrame comet(Rgb background, Rgb colour, std::size_t head, const unsigned* tail, std::size_t tail_len) {
    RingFrame f = fill(background);
    for (std::size_t i = 0; i < tail_len; ++i) {
        const std::size_t led = (head + kLeds - i) % kLeds;
        f[led] = blend(background, colour, tail[i]);
    }
    return f;
}

// White arc clockwise from 12 o'clock over half the ring: the volume feedback of an Echo.
// (The level itself is in the "voice volume" trace record.)
RingFrame volume_arc() {
    RingFrame f = fill(Rgb{0, 0, 0});
    for (std::size_t i = 0; i < kLeds / 2; ++i) f[i] = Rgb{255, 255, 255};
    return f;
}

RingFrame setup(Millis elapsed) {
    static constexpr unsigned kTail[] = {255, 150, 70, 25};
    // One revolution per second: fast enough to read as "busy", slow enough to follow.
    return comet(kBlack, kOrange, step(elapsed, Millis{83}) % kLeds, kTail, 4);
}

RingFrame booting(Millis elapsed) {
    static constexpr unsigned kTail[] = {255, 140, 60};
    return comet(scale(kBlue, 160), kCyan, step(elapsed, Millis{60}) % kLeds, kTail, 3);
}

RingFrame authorizing(Millis elapsed) {
    // Never fully dark, so the ring still says "waiting for you" at the bottom of a breath.
    const unsigned level = 40 + triangle(elapsed, Millis{2000}) * 215 / 255;
    return fill(scale(kOrange, level));
}

RingFrame listening() {
    RingFrame f = fill(kBlue);
    // Without a direction-of-arrival estimate the arc points to the front (12 o'clock).
    f[kLeds - 1] = kCyan;
    f[0] = kCyan;
    f[1] = kCyan;
    return f;
}

RingFrame thinking(Millis elapsed) {
    const std::size_t phase = step(elapsed, Millis{200});
    RingFrame f;
    for (std::size_t i = 0; i < kLeds; ++i) f[i] = ((i + phase) % 2 == 0) ? kCyan : kBlue;
    return f;
}

RingFrame speaking(Millis elapsed) { return fill(blend(kBlue, kCyan, triangle(elapsed, Millis{1200}))); }

RingFrame error(Millis elapsed) {
    const bool on = (elapsed.count() % 1000) < 500;
    return fill(on ? kRed : kBlack);
}

} // namespace

hal::RingFrame render(RingPattern pattern, hal::Millis elapsed) {
    if (elapsed.count() < 0) elapsed = Millis{0};
    switch (pattern) {
        case RingPattern::Off: return fill(kBlack);
        case RingPattern::Booting: return booting(elapsed);
        case RingPattern::Setup: return setup(elapsed);
        case RingPattern::Authorizing: return authorizing(elapsed);
        case RingPattern::Listening: return listening();
        case RingPattern::Thinking: return thinking(elapsed);
        case RingPattern::Speaking: return speaking(elapsed);
        case RingPattern::MicOff: return fill(kRed);
        case RingPattern::Error: return error(elapsed);
        case RingPattern::WifiError: return fill(kPurple);
        case RingPattern::Volume: return volume_arc();
        // Static and full, unlike setup's spinning arc, so it reads as "something happened".
        case RingPattern::SignedOut: return fill(kOrange);
    }
    return fill(kBlack);
}

bool is_animated(RingPattern pattern) {
    switch (pattern) {
        case RingPattern::Off:
        case RingPattern::Listening:
        case RingPattern::MicOff:
        case RingPattern::WifiError:
        case RingPattern::Volume: return false;
        case RingPattern::SignedOut: return false;
        case RingPattern::Booting:
        case RingPattern::Setup:
        case RingPattern::Authorizing:
        case RingPattern::Thinking:
        case RingPattern::Speaking:
        case RingPattern::Error: return true;
    }
    return false;
}

} // namespace ringside::fw::attention
