// The headless picture of the real firmware's ring: a virtual speaker is driven into setup,
// mic mute and listening, its latched LED frame and panel are rendered offscreen, and the
// pixels at RingGeometry's LED centres are read back. The colour classes are written out
// here (not taken from the firmware's palette), so a renderer that drew the wrong colour,
// or the right colour in the wrong place, fails.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>

#include "firmware/core/states.hpp"
#include "sim/demo/offscreen_scene.hpp"
#include "sim/demo/panel_lines.hpp"
#include "sim/home_world.hpp"
#include "sim/virtual_speaker.hpp"

using namespace ringside;
using namespace std::chrono_literals;
using sim::VirtualSpeaker;

namespace {

hal::Rgb pixel_at(const demo::RgbImage& image, demo::PixelPoint p) {
    return image.at(static_cast<int>(std::floor(p.x)), static_cast<int>(std::floor(p.y)));
}

std::string show(hal::Rgb c) {
    return "(" + std::to_string(c.r) + ", " + std::to_string(c.g) + ", " + std::to_string(c.b) + ")";
}

bool is_orange(hal::Rgb c) { return c.r > 200 && c.g > 60 && c.g < 150 && c.b < 50; }
bool is_red(hal::Rgb c) { return c.r > 200 && c.g < 50 && c.b < 50; }
bool is_blue(hal::Rgb c) { return c.b > 200 && c.r < 50 && c.g < 80; }
bool is_cyan(hal::Rgb c) { return c.g > 200 && c.b > 200 && c.r < 60; }
bool is_dark(hal::Rgb c) { return std::max({c.r, c.g, c.b}) < 40; }

bool lit(hal::Rgb c) { return c != hal::Rgb{}; }

// Pixels in the panel's area that stand out from its dark background: text.
int bright_panel_pixels(const demo::RgbImage& image, demo::PixelRect panel) {
    int n = 0;
    for (int y = panel.y; y < panel.y + panel.h; ++y)
        for (int x = panel.x; x < panel.x + panel.w; ++x)
            if (std::max({image.at(x, y).r, image.at(x, y).g, image.at(x, y).b}) > 120) ++n;
    return n;
}

struct Rendered {
    hal::RingFrame leds;
    demo::RgbImage image;
};

Rendered render(demo::OffscreenScene& scene, const VirtualSpeaker& world) {
    const hal::RingFrame leds = world.leds();
    return {leds, scene.render(leds, demo::speaker_panel(world, world.now()))};
}

} // namespace

TEST_CASE("in setup the spinning arc's head LED is orange at its centre and unlit LEDs are dark", "[demo][pixels]") {
    VirtualSpeaker world(sim::test::home_world(3));
    demo::OffscreenScene scene(demo::kDefaultWidth, demo::kDefaultHeight);
    world.power_on();
    REQUIRE(world.run_until(world.now() + 10s, [&] { return world.ring_pattern() == fw::RingPattern::Setup; }));
    // The first frame of the pattern latched: the comet's head at full orange, its tail
    // fading behind it, the rest of the ring off.
    REQUIRE(world.run_until(world.now() + 1s, [&] {
        const auto f = world.leds();
        return std::count_if(f.begin(), f.end(), [](hal::Rgb c) { return !lit(c); }) >= 6;
    }));
    const Rendered r = render(scene, world);
    const auto& leds = scene.geometry().leds;
    int orange = 0, dark = 0;
    for (std::size_t i = 0; i < hal::kLedCount; ++i) {
        const hal::Rgb px = pixel_at(r.image, leds[i]);
        INFO("LED " << i << " latched " << show(r.leds[i]) << ", drawn " << show(px));
        if (!lit(r.leds[i])) {
            CHECK(is_dark(px));
            ++dark;
        } else if (r.leds[i].r == 255) {  // the head: full brightness
            CHECK(is_orange(px));
            ++orange;
        } else {
            // The tail: dimmer, but still more red than green and no blue.
            CHECK(px.r > px.g);
            CHECK(px.b < 40);
        }
    }
    CHECK(orange == 1);
    CHECK(dark >= 6);
    CHECK(bright_panel_pixels(r.image, scene.layout().panel) > 300);
}

TEST_CASE("with the mic muted every LED is drawn red", "[demo][pixels]") {
    VirtualSpeaker world(sim::test::home_world(4));
    demo::OffscreenScene scene(demo::kDefaultWidth, demo::kDefaultHeight);
    sim::test::sign_in_at_home(world);
    world.press(hal::Button::MicMute);
    world.release(hal::Button::MicMute);
    REQUIRE(world.run_until(world.now() + 2s, [&] { return world.ring_pattern() == fw::RingPattern::MicOff; }));
    REQUIRE(world.run_until(world.now() + 1s, [&] { return lit(world.leds()[0]); }));
    const Rendered r = render(scene, world);
    for (std::size_t i = 0; i < hal::kLedCount; ++i) {
        const hal::Rgb px = pixel_at(r.image, scene.geometry().leds[i]);
        INFO("LED " << i << " drawn " << show(px));
        CHECK(is_red(px));
    }
    CHECK(bright_panel_pixels(r.image, scene.layout().panel) > 300);
}

TEST_CASE("while listening the ring is drawn blue with a cyan arc at the front", "[demo][pixels]") {
    VirtualSpeaker world(sim::test::home_world(5));
    demo::OffscreenScene scene(demo::kDefaultWidth, demo::kDefaultHeight);
    sim::test::sign_in_at_home(world);
    world.say("alexa what's on my calendar", 0);
    REQUIRE(world.run_until(world.now() + 10s, [&] { return world.ring_pattern() == fw::RingPattern::Listening; }));
    REQUIRE(world.run_until(world.now() + 1s, [&] { return lit(world.leds()[6]); }));
    const Rendered r = render(scene, world);
    int blue = 0, cyan = 0;
    for (std::size_t i = 0; i < hal::kLedCount; ++i) {
        const hal::Rgb px = pixel_at(r.image, scene.geometry().leds[i]);
        INFO("LED " << i << " drawn " << show(px));
        const bool front = i == 11 || i == 0 || i == 1;  // the arc toward the speaker, around 12 o'clock
        CHECK((front ? is_cyan(px) : is_blue(px)));
        blue += is_blue(px) ? 1 : 0;
        cyan += is_cyan(px) ? 1 : 0;
    }
    CHECK(blue == 9);
    CHECK(cyan == 3);
}

TEST_CASE("an unlit ring shows dark lenses and the panel's text is drawn", "[demo][pixels]") {
    demo::OffscreenScene scene(demo::kDefaultWidth, demo::kDefaultHeight);
    const demo::RgbImage& blank = scene.render(hal::RingFrame{}, {});
    for (const auto& led : scene.geometry().leds) CHECK(is_dark(pixel_at(blank, led)));
    CHECK(bright_panel_pixels(blank, scene.layout().panel) == 0);  // no lines: no text
    const demo::RgbImage& texted = scene.render(hal::RingFrame{}, {{"device", "setup"}, {"auth", "unlinked"}});
    CHECK(bright_panel_pixels(texted, scene.layout().panel) > 150);
}

TEST_CASE("the same frame and lines render to the same bytes", "[demo][pixels]") {
    hal::RingFrame f{};
    f[3] = {255, 100, 0};
    f[4] = {0, 255, 255};
    demo::OffscreenScene a(demo::kDefaultWidth, demo::kDefaultHeight), b(demo::kDefaultWidth, demo::kDefaultHeight);
    const std::vector<demo::PanelLine> lines{{"device", "setup"}, {"virtual time", "00:00:01.000"}};
    const demo::RgbImage first = a.render(f, lines);
    CHECK(first.rgb == b.render(f, lines).rgb);
    CHECK(first.rgb == a.render(f, lines).rgb);
}
