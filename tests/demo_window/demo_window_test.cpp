// The demo window as a person meets it: `ringside demo` started as a real process on a real
// X server (Xvfb), looked at with screenshots of the X screen taken from outside (xwd),
// driven with real key presses and clicks (xdotool), and signed in from "a browser" over
// real HTTP at the URL it printed.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <functional>
#include <regex>
#include <thread>

#include "cloud_server/child.hpp"
#include "demo_window/x_session.hpp"
#include "sim/demo/ring_geometry.hpp"
#include "sim/demo/window/window_layout.hpp"

namespace ringside::test {
namespace {

using namespace std::chrono_literals;
using Px = Screenshot::Px;

struct Origin {
    int x = 0, y = 0;
};

// Where the demo's window is on the screen, found by its title (which must be right).
Origin window_origin(const std::string& display) {
    const std::string geometry = xdotool(display, {"search", "--sync", "--name", "^Ringside demo - ", "getwindowgeometry"});
    std::smatch m;
    REQUIRE(std::regex_search(geometry, m, std::regex("Position: (\\d+),(\\d+)")));
    return {std::stoi(m[1]), std::stoi(m[2])};
}

// kOrange (255, 100, 0) at any brightness the pulse reaches, and kRed (255, 0, 0); an LED's
// core is never darker than its lens (18, 18, 22), hence the room for green and blue.
bool orange(Px p) { return p.r >= 90 && p.g * 4 >= p.r && p.g * 5 <= p.r * 3 && p.b * 3 <= p.r; }
bool red(Px p) { return p.r >= 120 && p.g * 4 <= p.r && p.b * 4 <= p.r; }

// How many of the 12 LED centres satisfy `colour` on `shot`.
template <class Colour>
int leds_that_are(const Screenshot& shot, Origin o, Colour colour) {
    const demo::RingGeometry g = demo::ring_geometry(demo::window_layout().ring);
    int n = 0;
    for (const demo::PixelPoint& led : g.leds) n += colour(shot.at(o.x + static_cast<int>(led.x), o.y + static_cast<int>(led.y)));
    return n;
}

// Takes screenshots until at least `count` LEDs satisfy `colour` (true) or `limit` passes.
template <class Colour>
bool ring_shows(const std::string& display, Origin o, Colour colour, int count, std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    do {
        if (leds_that_are(screenshot(display), o, colour) >= count) return true;
        std::this_thread::sleep_for(100ms);
    } while (std::chrono::steady_clock::now() < deadline);
    return false;
}

const demo::ControlButton& button(demo::Control c) {
    static const std::vector<demo::ControlButton> buttons = demo::control_buttons(demo::window_layout());
    for (const auto& b : buttons)
        if (b.control == c) return b;
    throw std::logic_error("no such control");
}

} // namespace

TEST_CASE("the demo window under Xvfb shows an orange ring, a panel of text, and answers keys and clicks", "[demo_window][x11]") {
    XServer x;
    DemoProcess demo(x.display(), {"--exit-after", "60"});
    // The speaker is in setup, then shows its code: the ring is orange all the while.
    REQUIRE_FALSE(demo.wait_for_line("verify: open http://127.0.0.1:", 20s).empty());
    const Origin o = window_origin(x.display());
    CHECK(ring_shows(x.display(), o, orange, 8, 5s));

    // The panel holds lines of text: many bright pixels on its dark strip.
    const Screenshot shot = screenshot(x.display());
    const demo::PixelRect panel = demo::window_layout().panel;
    int bright = 0;
    for (int y = panel.y; y < panel.y + panel.h; ++y)
        for (int px = panel.x; px < panel.x + panel.w; ++px) {
            const Px p = shot.at(o.x + px, o.y + y);
            bright += p.r + p.g + p.b > 300;
        }
    CHECK(bright > 1500);
    CHECK_FALSE(ring_shows(x.display(), o, red, 1, 0ms));

    // M mutes the microphone: the ring turns solid red.
    xdotool(x.display(), {"mousemove", std::to_string(o.x + 400), std::to_string(o.y + 200), "key", "m"});
    CHECK(ring_shows(x.display(), o, red, 12, 5s));
    // A click on "Mic mute" unmutes it: no LED is red any more.
    const demo::PixelRect mic = button(demo::Control::MicMute).rect;
    xdotool(x.display(), {"mousemove", std::to_string(o.x + mic.x + mic.w / 2), std::to_string(o.y + mic.y + mic.h / 2), "click", "1"});
    CHECK(ring_shows(x.display(), o, [](Px p) { return !red(p); }, 12, 5s));

    // Holding A runs the hold timer: the Action button fills from its left edge.
    const demo::PixelRect action = button(demo::Control::Action).rect;
    const auto bar_lit = [&] {
        const Px p = screenshot(x.display()).at(o.x + action.x + 3, o.y + action.y + action.h - 3);
        return p.r > 200 && p.g > 80 && p.g < 170 && p.b < 80;
    };
    CHECK_FALSE(bar_lit());
    const auto eventually = [](const std::function<bool()>& holds, std::chrono::milliseconds limit) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (!holds()) {
            if (std::chrono::steady_clock::now() >= deadline) return false;
            std::this_thread::sleep_for(100ms);
        }
        return true;
    };
    xdotool(x.display(), {"mousemove", std::to_string(o.x + 400), std::to_string(o.y + 200), "keydown", "a"});
    CHECK(eventually(bar_lit, 5s));
    xdotool(x.display(), {"keyup", "a"});
    CHECK(eventually([&] { return !bar_lit(); }, 5s));

    // Esc closes the window: exit 0 and the stats line.
    xdotool(x.display(), {"key", "Escape"});
    CHECK(demo.wait_exit(10s) == 0);
    CHECK(std::regex_search(demo.output(), std::regex("demo stats: frames=\\d+ wall_s=[0-9.]+ cpu_s=[0-9.]+ fps=[0-9.]+ cpu_pct=[0-9.]+")));
}

TEST_CASE("a browser signs in at the URL the demo printed, and the speaker links", "[demo_window][x11][http]") {
    XServer x;
    DemoProcess demo(x.display(), {"--exit-after", "60"});
    const std::string line = demo.wait_for_line("verify: open ", 20s);
    std::smatch m;
    REQUIRE(std::regex_search(line, m, std::regex("(http://127\\.0\\.0\\.1:\\d+/tenants/\\w+/device)\\?user_code=([A-Z]{4}-[A-Z]{4})")));
    const std::string page = m[1], code = m[2];

    // As a browser would: open the page with the code filled in, then post its form.
    const HttpResult opened = curl({page + "?user_code=" + code});
    CHECK(opened.status == 200);
    CHECK(opened.body.find("<form method=\"post\" action=\"device\">") != std::string::npos);
    const HttpResult signed_in = curl({"-d", "user_code=" + code, "-d", "email=demo@example.com", "-d", "password=demo",
                                       "-d", "action=approve", page});
    CHECK(signed_in.status == 200);
    // The speaker's next poll (5 s virtual at 1x) picks the approval up.
    CHECK_FALSE(demo.wait_for_line("device=linked auth=linked", 20s).empty());
    // Linked/idle: the ring goes dark, no LED orange any more.
    const Origin o = window_origin(x.display());
    CHECK(ring_shows(x.display(), o, [](Px p) { return !orange(p); }, 12, 5s));

    // Linked, it listens: an utterance typed into the window reaches the microphone, and
    // the speaker answers.
    CHECK(demo.output().find("speaker: ") == std::string::npos);
    xdotool(x.display(), {"mousemove", std::to_string(o.x + 400), std::to_string(o.y + 200), "key", "Return"});
    xdotool(x.display(), {"type", "--delay", "20", "alexa what time is it"});
    xdotool(x.display(), {"key", "Return"});
    CHECK_FALSE(demo.wait_for_line("you said: alexa what time is it", 5s).empty());
    CHECK_FALSE(demo.wait_for_line("speaker: ", 10s).empty());
    CHECK(demo.output().find("password") == std::string::npos);
}

TEST_CASE("with --issuer the window signs in against another RFC 8628 server, in real time", "[demo_window][x11][http]") {
    // A separate `ringside cloud` stands in for "any" server: the demo knows only its URL
    // and discovers the rest from its metadata.
    CloudProcess server;
    XServer x;
    DemoProcess demo(x.display(), {"--issuer", server.issuer(), "--exit-after", "60"});
    const std::string line = demo.wait_for_line("verify: open ", 20s);
    std::smatch m;
    REQUIRE(std::regex_search(line, m, std::regex("(\\S+/device)\\?user_code=([A-Z]{4}-[A-Z]{4})")));
    const std::string page = m[1], code = m[2];
    CHECK(page == server.issuer() + "/device");  // the server's own page, as its metadata names it
    const Origin o = window_origin(x.display());
    CHECK(ring_shows(x.display(), o, orange, 6, 5s));

    const HttpResult signed_in = curl({"-d", "user_code=" + code, "-d", "email=demo@example.com", "-d", "password=demo",
                                       "-d", "action=approve", page});
    CHECK(signed_in.status == 200);
    // The next poll, 5 wall seconds at most (the server's interval), links the speaker.
    CHECK_FALSE(demo.wait_for_line("device=linked auth=linked", 20s).empty());
    CHECK(ring_shows(x.display(), o, [](Px p) { return !orange(p); }, 12, 5s));
    // Against a real server time cannot run faster than the wall.
    xdotool(x.display(), {"key", "F3"});
    CHECK_FALSE(demo.wait_for_line("speed: stays 1x against " + server.issuer(), 5s).empty());
    CHECK(demo.output().find("password") == std::string::npos);
}

TEST_CASE("Space pauses virtual time and F3 runs it at 100x", "[demo_window][x11]") {
    XServer x;
    DemoProcess demo(x.display(), {"--exit-after", "60"});
    const std::string first = demo.wait_for_line("verify: open ", 20s);
    REQUIRE_FALSE(first.empty());
    const Origin o = window_origin(x.display());
    const demo::PixelRect panel = demo::window_layout().panel;
    // The panel's pixels: its virtual time line changes every frame unless time stands.
    const auto panel_pixels = [&] {
        const Screenshot s = screenshot(x.display());
        std::vector<std::uint8_t> px;
        for (int y = panel.y; y < panel.y + panel.h; ++y)
            for (int c = panel.x; c < panel.x + panel.w; ++c) {
                const Px p = s.at(o.x + c, o.y + y);
                px.insert(px.end(), {static_cast<std::uint8_t>(p.r), static_cast<std::uint8_t>(p.g), static_cast<std::uint8_t>(p.b)});
            }
        return px;
    };
    const auto a = panel_pixels();
    std::this_thread::sleep_for(300ms);
    CHECK(panel_pixels() != a);

    xdotool(x.display(), {"mousemove", std::to_string(o.x + 400), std::to_string(o.y + 200), "key", "space"});
    // Once the pause lands (bounded), the panel stands still from one screenshot to the next.
    bool stood_still = false;
    for (const auto deadline = std::chrono::steady_clock::now() + 5s; !stood_still && std::chrono::steady_clock::now() < deadline;) {
        const auto before = panel_pixels();
        std::this_thread::sleep_for(700ms);
        stood_still = panel_pixels() == before;
    }
    CHECK(stood_still);

    // F3: 100x. The unapproved code lapses after 600 virtual seconds, 6 wall seconds at 100x
    // (forever at 1x within this test), and the speaker shows a new one.
    xdotool(x.display(), {"key", "F3"});
    const auto second_code = [&] {
        const std::string all = demo.output();
        const auto at = all.find("verify: open ");
        return at != std::string::npos && all.find("verify: open ", at + 1) != std::string::npos;
    };
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (!second_code() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(100ms);
    CHECK(second_code());
}

TEST_CASE("a scenario plays in the window and its verdict is the exit code", "[demo_window][x11]") {
    XServer x;
    SECTION("a passing scenario at 10x") {
        DemoProcess demo(x.display(), {"scenarios/sign_in/first_time_setup_and_sign_in.yaml", "--speed", "10", "--exit-after", "40"});
        CHECK_FALSE(demo.wait_for_line("device=linked auth=linked", 20s).empty());
        CHECK(demo.wait_exit(30s) == 0);
        CHECK(demo.output().find("PASS  ") != std::string::npos);
    }
    SECTION("a failing scenario shows its failure and exits 1") {
        DemoProcess demo(x.display(), {"tests/data/failing/linked_within_1s.yaml", "--speed", "10", "--exit-after", "20"});
        CHECK(demo.wait_exit(30s) == 1);
        CHECK(demo.output().find("FAIL  ") != std::string::npos);
        CHECK(demo.output().find("linked_within_1s.yaml:10") != std::string::npos);
    }
}

TEST_CASE("demo usage errors exit 2 and say what was expected", "[demo_window]") {
    const CliResult speed = run_cli({"demo", "--speed", "0"});
    CHECK(speed.exit_code == 2);
    CHECK(speed.output.find("--speed 0: expected virtual seconds per second") != std::string::npos);
    const CliResult fast = run_cli({"demo", "--issuer", "http://127.0.0.1:9", "--speed", "10"});
    CHECK(fast.exit_code == 2);
    CHECK(fast.output.find("--issuer runs in real time: --speed must stay 1") != std::string::npos);
    const CliResult scripted = run_cli({"demo", "scenarios/sign_in/first_time_setup_and_sign_in.yaml", "--issuer", "http://127.0.0.1:9"});
    CHECK(scripted.exit_code == 2);
    CHECK(scripted.output.find("a SCENARIO needs the mock cloud") != std::string::npos);
    const CliResult hostless = run_cli({"demo", "--issuer", "http://"});
    CHECK(hostless.exit_code == 2);
    CHECK(hostless.output.find("--issuer http://: expected an absolute http:// or https:// URL") != std::string::npos);
    const CliResult missing = run_cli({"demo", "no/such/scenario.yaml"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.output.find("no/such/scenario.yaml") != std::string::npos);
    const CliResult no_display = run_cli({"demo", "--exit-after", "1"}, {"DISPLAY=", "SDL_VIDEODRIVER=x11"});
    CHECK(no_display.exit_code == 2);
    CHECK(no_display.output.find("DISPLAY") != std::string::npos);
}

} // namespace ringside::test
