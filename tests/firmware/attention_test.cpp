#include <catch2/catch.hpp>

#include <algorithm>

#include "fake_board.hpp"
#include "firmware/attention/attention.hpp"
#include "firmware/attention/render.hpp"
#include "firmware/attention/ring_policy.hpp"
#include "firmware/core/timer_ids.hpp"

using namespace ringside;
using namespace ringside::fw;
using namespace ringside::fw::attention;
using ringside::test::FakeBoard;

namespace {

bool is_black(hal::Rgb c) { return c == hal::Rgb{0, 0, 0}; }
// Orange family: red dominant, green well below red, no blue.
bool is_orange(hal::Rgb c) { return c.r > 0 && c.b == 0 && c.g * 2 <= c.r && c.g * 5 >= c.r; }
bool is_blue_or_cyan(hal::Rgb c) { return c.r == 0 && c.b > 0; }

std::size_t brightest(const hal::RingFrame& f) {
    return static_cast<std::size_t>(
        std::max_element(f.begin(), f.end(), [](hal::Rgb a, hal::Rgb b) { return a.r + a.g + a.b < b.r + b.g + b.b; }) -
        f.begin());
}

} // namespace

TEST_CASE("setup is an orange arc on a dark ring", "[attention]") {
    for (auto t : {0, 40, 500, 999, 123456}) {
        CAPTURE(t);
        const auto f = render(RingPattern::Setup, hal::Millis{t});
        int lit = 0;
        for (auto c : f) {
            if (is_black(c)) continue;
            ++lit;
            CHECK(is_orange(c));
        }
        CHECK(lit >= 2);
        CHECK(lit < 12);
        CHECK(f[brightest(f)] == kOrange);
    }
}

TEST_CASE("setup arc moves clockwise over time", "[attention]") {
    std::size_t previous = brightest(render(RingPattern::Setup, hal::Millis{0}));
    CHECK(previous == 0);  // starts at 12 o'clock
    int moves = 0;
    for (int t = 33; t <= 3000; t += 33) {
        const std::size_t now = brightest(render(RingPattern::Setup, hal::Millis{t}));
        if (now != previous) {
            CHECK(now == (previous + 1) % 12);  // one LED clockwise, never backwards
            ++moves;
        }
        previous = now;
    }
    CHECK(moves >= 24);  // at least two full turns in 3 s
    // The tail trails counter-clockwise: the LED behind the head is lit, the one ahead dark.
    const auto f = render(RingPattern::Setup, hal::Millis{500});
    const std::size_t head = brightest(f);
    CHECK_FALSE(is_black(f[(head + 11) % 12]));
    CHECK(is_black(f[(head + 1) % 12]));
}

TEST_CASE("static patterns have their colours", "[attention]") {
    for (auto t : {0, 777, 86'400'000}) {
        for (auto c : render(RingPattern::Off, hal::Millis{t})) CHECK(is_black(c));
        for (auto c : render(RingPattern::MicOff, hal::Millis{t})) CHECK(c == kRed);
        for (auto c : render(RingPattern::WifiError, hal::Millis{t})) {
            CHECK(c.r > 0);
            CHECK(c.b > c.r);  // purple: blue and red, no green
            CHECK(c.g == 0);
        }
    }
    const auto listening = render(RingPattern::Listening, hal::Millis{0});
    CHECK(listening[0] == kCyan);
    CHECK(listening[6] == kBlue);
}

TEST_CASE("animated patterns: booting, authorizing, thinking, speaking, error", "[attention]") {
    SECTION("booting is blue with a cyan arc that spins") {
        const auto a = render(RingPattern::Booting, hal::Millis{0});
        const auto b = render(RingPattern::Booting, hal::Millis{300});
        for (auto c : a) CHECK(is_blue_or_cyan(c));
        CHECK(a[brightest(a)] == kCyan);
        CHECK(brightest(a) != brightest(b));
    }
    SECTION("authorizing breathes orange, never dark") {
        const auto low = render(RingPattern::Authorizing, hal::Millis{0});
        const auto high = render(RingPattern::Authorizing, hal::Millis{1000});
        for (auto c : low) CHECK(is_orange(c));
        for (auto c : high) CHECK(is_orange(c));
        CHECK(high[0].r > low[0].r);
        CHECK(std::all_of(low.begin(), low.end(), [&](hal::Rgb c) { return c == low[0]; }));
    }
    SECTION("thinking alternates cyan and blue and rotates") {
        const auto a = render(RingPattern::Thinking, hal::Millis{0});
        const auto b = render(RingPattern::Thinking, hal::Millis{200});
        for (std::size_t i = 0; i < 12; ++i) {
            CHECK(a[i] != a[(i + 1) % 12]);
            CHECK(b[i] == a[(i + 1) % 12]);
        }
    }
    SECTION("speaking pulses between blue and cyan") {
        CHECK(render(RingPattern::Speaking, hal::Millis{0})[0] == kBlue);
        CHECK(render(RingPattern::Speaking, hal::Millis{600})[0] == kCyan);
    }
    SECTION("error flashes red on and off") {
        for (auto c : render(RingPattern::Error, hal::Millis{100})) CHECK(c == kRed);
        for (auto c : render(RingPattern::Error, hal::Millis{600})) CHECK(is_black(c));
        for (auto c : render(RingPattern::Error, hal::Millis{1100})) CHECK(c == kRed);
    }
}

TEST_CASE("render is a pure function of pattern and time", "[attention]") {
    for (int p = 0; p <= static_cast<int>(RingPattern::WifiError); ++p) {
        const auto pattern = static_cast<RingPattern>(p);
        for (int t : {0, 17, 33, 1000, 59999}) CHECK(render(pattern, hal::Millis{t}) == render(pattern, hal::Millis{t}));
        if (!is_animated(pattern)) CHECK(render(pattern, hal::Millis{0}) == render(pattern, hal::Millis{12345}));
    }
}

TEST_CASE("attention driver: first frame at once, later frames only when the LEDs are refreshed, no timers", "[attention]") {
    FakeBoard hw;
    const Tracer tracer(hw.trace, hw.clock);
    Attention att(hw.ring, tracer);
    CHECK(att.frame_now() == hal::RingFrame{});  // dark before anything is shown

    hw.clock.t = hal::Millis{1000};
    att.show(RingPattern::Setup);
    CHECK(hw.ring.shows == 1);
    CHECK(hw.ring.last == render(RingPattern::Setup, hal::Millis{0}));
    CHECK(hw.trace.count("ring", "pattern", "setup") == 1);
    for (hal::TimerId id = 0; id < hal::kMaxTimers; ++id) CHECK_FALSE(hw.timers.armed(id));

    // The frame of any moment, whenever asked: the pattern is a function of time.
    hw.clock.t = hal::Millis{1000 + 33 * 10};
    CHECK(att.frame_now() == render(RingPattern::Setup, hal::Millis{330}));
    CHECK(hw.ring.shows == 1);  // asking shows nothing
    att.refresh();
    CHECK(hw.ring.last == render(RingPattern::Setup, hal::Millis{330}));
    CHECK(hw.ring.shows == 2);
    // A refresh whose frame equals the one showing hands nothing to the ring.
    hw.clock.t += hal::Millis{1};
    att.refresh();
    CHECK(hw.ring.shows == 2);

    att.show(RingPattern::Setup);  // no change: no trace, no extra frame
    CHECK(hw.trace.count("ring", "pattern") == 1);
    CHECK(hw.ring.shows == 2);

    for (auto still : {RingPattern::Off, RingPattern::MicOff, RingPattern::WifiError, RingPattern::Listening}) {
        CAPTURE(to_string(still));
        att.show(still);
        CHECK(hw.ring.last == render(still, hal::Millis{0}));
        const int shows = hw.ring.shows;
        hw.clock.t += hal::Millis{500};
        att.refresh();  // a static pattern never churns frames
        CHECK(hw.ring.shows == shows);
        CHECK(att.frame_now() == render(still, hal::Millis{0}));
    }
}

TEST_CASE("ring pattern follows device and auth state", "[attention]") {
    auto p = [](DeviceState d, AuthState a, bool wifi_error = false) {
        return ring_pattern_for(RingInputs{d, a, wifi_error});
    };
    CHECK(p(DeviceState::Booting, AuthState::Unlinked) == RingPattern::Booting);
    CHECK(p(DeviceState::Setup, AuthState::Unlinked) == RingPattern::Setup);
    CHECK(p(DeviceState::Setup, AuthState::Unlinked, true) == RingPattern::WifiError);
    CHECK(p(DeviceState::JoiningWifi, AuthState::Unlinked) == RingPattern::Setup);
    CHECK(p(DeviceState::Authorizing, AuthState::Discovering) == RingPattern::Setup);
    CHECK(p(DeviceState::Authorizing, AuthState::RequestingCode) == RingPattern::Setup);
    CHECK(p(DeviceState::Authorizing, AuthState::AwaitingApproval) == RingPattern::Authorizing);
    CHECK(p(DeviceState::Linked, AuthState::Linked) == RingPattern::Off);
    CHECK(p(DeviceState::Linked, AuthState::Expired) == RingPattern::Off);
    CHECK(p(DeviceState::Error, AuthState::Failed) == RingPattern::Error);
}

TEST_CASE("ring shows a connection problem while authorizing and the cloud cannot be reached, until a code is shown",
          "[attention]") {
    auto unreachable = [](DeviceState d, AuthState a) {
        RingInputs in{d, a};
        in.cloud_unreachable = true;
        return ring_pattern_for(in);
    };
    CHECK(unreachable(DeviceState::Authorizing, AuthState::Discovering) == RingPattern::WifiError);
    CHECK(unreachable(DeviceState::Authorizing, AuthState::RequestingCode) == RingPattern::WifiError);
    // A code on show stays on show: the person may be typing it.
    CHECK(unreachable(DeviceState::Authorizing, AuthState::AwaitingApproval) == RingPattern::Authorizing);
    CHECK(unreachable(DeviceState::Authorizing, AuthState::Failed) == RingPattern::Error);
    // Linked, a refresh that cannot get through stays silent (the Expired rule above).
    CHECK(unreachable(DeviceState::Linked, AuthState::Linked) == RingPattern::Off);
    CHECK(unreachable(DeviceState::Linked, AuthState::Expired) == RingPattern::Off);
}
