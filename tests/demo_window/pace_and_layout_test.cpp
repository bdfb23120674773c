// The demo window's arithmetic: virtual time against the wall clock, where the controls are,
// and the XWD reader the screenshot tests rely on.
#include <catch2/catch.hpp>

#include "demo_window/x_session.hpp"
#include "sim/pacing/virtual_pace.hpp"
#include "sim/demo/window/window_layout.hpp"

namespace ringside::demo {
namespace {

using namespace std::chrono_literals;
using sim::VirtualPace;
using Wall = VirtualPace::Wall;
using Virtual = VirtualPace::Virtual;

} // namespace

TEST_CASE("virtual time runs at the chosen speed and stays continuous across speed changes and pauses", "[demo_window][pace]") {
    VirtualPace pace(1.0, Wall(1s), Virtual(5s));
    CHECK(pace.virtual_at(Wall(3s)) == Virtual(7s));
    CHECK(pace.wall_at(Virtual(8s)) == Wall(4s));

    // 10x from wall 3 s, where the world stands at 7 s virtual: no jump.
    pace.set_speed(10, Wall(3s), pace.virtual_at(Wall(3s)));
    CHECK(pace.virtual_at(Wall(3s)) == Virtual(7s));
    CHECK(pace.virtual_at(Wall(3500ms)) == Virtual(12s));
    CHECK(pace.wall_at(Virtual(17s)) == Wall(4s));

    // Paused: virtual time stands; nothing is ever due.
    pace.set_paused(true, Wall(4s), pace.virtual_at(Wall(4s)));
    CHECK(pace.virtual_at(Wall(60s)) == Virtual(17s));
    CHECK_FALSE(pace.wall_at(Virtual(17001ms)));
    // Resumed a minute later: it goes on from where it stood, at the same speed.
    pace.set_paused(false, Wall(64s), Virtual(17s));
    CHECK(pace.virtual_at(Wall(65s)) == Virtual(27s));
    CHECK(pace.speed() == 10);
}

TEST_CASE("the window's controls do not overlap and a click finds the control under it", "[demo_window][layout]") {
    const WindowLayout l = window_layout();
    const std::vector<ControlButton> buttons = control_buttons(l);
    REQUIRE(buttons.size() == 4 + 4 + kPhrases.size() + 1);
    for (std::size_t i = 0; i < buttons.size(); ++i) {
        const PixelRect& r = buttons[i].rect;
        // Inside the column.
        CHECK(r.x >= l.column.x);
        CHECK(r.x + r.w <= l.column.x + l.column.w);
        CHECK(r.y + r.h <= l.column.y + l.column.h);
        // Its own centre finds it, and only it.
        CHECK(control_at(buttons, r.x + r.w / 2, r.y + r.h / 2) == i);
    }
    CHECK_FALSE(control_at(buttons, l.ring.x + 5, l.ring.y + 5));
    CHECK(speaker_button(buttons[0].control) == hal::Button::Action);
    CHECK_FALSE(speaker_button(Control::Speed10));
    // The hint names every key a person needs.
    for (const char* key : {"A Action", "M mic mute", "Space pause", "F3 100x", "Esc quit", "1-5"})
        CHECK(key_hint(false).find(key) != std::string::npos);
    CHECK(key_hint(true).find("M mic mute") == std::string::npos);
}

TEST_CASE("XWD screenshots are read in either byte order and pixel size", "[demo_window][xwd]") {
    // A 2x1 ZPixmap at 32 bits per pixel, LSB first, then the same at 24 bits packed.
    const auto header = [](std::uint32_t bpp, std::uint32_t bpl, std::uint32_t order) {
        std::string h(100, '\0');
        const auto put = [&h](int at, std::uint32_t v) {
            for (int k = 0; k < 4; ++k) h[at + k] = static_cast<char>(v >> (24 - 8 * k));
        };
        put(0, 100); put(4, 7); put(8, 2); put(12, 24); put(16, 2); put(20, 1); put(28, order);
        put(44, bpp); put(48, bpl); put(56, 0xff0000); put(60, 0x00ff00); put(64, 0x0000ff); put(76, 0);
        return h;
    };
    const std::string lsb32 = header(32, 8, 0) + std::string("\x30\x20\x10\x00\x03\x02\x01\x00", 8);
    const test::Screenshot a = test::parse_xwd(lsb32);
    CHECK(a.at(0, 0).r == 0x10);
    CHECK(a.at(0, 0).g == 0x20);
    CHECK(a.at(0, 0).b == 0x30);
    CHECK(a.at(1, 0).r == 0x01);
    const std::string msb24 = header(24, 8, 1) + std::string("\x10\x20\x30\x01\x02\x03\x00\x00", 8);
    const test::Screenshot b = test::parse_xwd(msb24);
    CHECK(b.at(0, 0).r == 0x10);
    CHECK(b.at(1, 0).b == 0x03);
    CHECK_THROWS(test::parse_xwd(std::string(50, '\0')));
}

} // namespace ringside::demo
