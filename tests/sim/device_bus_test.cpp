#include <catch2/catch.hpp>

#include "bus_rig.hpp"
#include "sim/board/trace_recorder.hpp"
#include "sim/board/virtual_clock.hpp"
#include "sim/board/virtual_led_ring.hpp"

using namespace ringside;
using sim::Millis;
using sim::test::run_all;

namespace {

void post(sim::DeviceBus& bus, Millis at, const fw::Event& event) {
    bus.post_at(at, [&bus, event] { bus.dispatch(event); });
}

} // namespace

TEST_CASE("device bus drops deliveries addressed to an earlier power generation", "[sim][bus]") {
    sim::Scheduler scheduler;
    sim::DeviceBus bus(scheduler);
    sim::test::EventLog first, second;

    bus.attach(first.sink(scheduler));
    post(bus, Millis{100}, fw::Event::wifi_joined());
    post(bus, Millis{300}, fw::Event::wifi_failed());
    scheduler.run_next(Millis{100});
    bus.detach();
    CHECK_FALSE(bus.attached());
    post(bus, Millis{150}, fw::Event::wifi_joined());  // posted while off
    bus.attach(second.sink(scheduler));                         // powered on again
    post(bus, Millis{400}, fw::Event::button_down(hal::Button::Action));

    run_all(scheduler, Millis{1000});

    REQUIRE(first.events.size() == 1);
    CHECK(first.events[0].type == fw::EventType::WifiJoined);
    REQUIRE(second.events.size() == 1);  // neither the 150 ms nor the 300 ms delivery
    CHECK(second.events[0].type == fw::EventType::ButtonDown);
    CHECK(bus.delivered() == 2);
}

TEST_CASE("device bus dispatch does nothing while detached", "[sim][bus]") {
    sim::Scheduler scheduler;
    sim::DeviceBus bus(scheduler);
    bus.dispatch(fw::Event::button_down(hal::Button::MicMute));
    CHECK(bus.delivered() == 0);
}

TEST_CASE("virtual clock counts from the last power-on", "[sim][clock]") {
    sim::Scheduler scheduler;
    sim::VirtualClock clock(scheduler);
    scheduler.advance_to(Millis{5000});
    CHECK(clock.now() == Millis{5000});
    clock.mark_power_on();
    CHECK(clock.now() == Millis{0});
    scheduler.advance_to(Millis{7500});
    CHECK(clock.now() == Millis{2500});
}

TEST_CASE("trace recorder stamps world time and copies the views", "[sim][trace]") {
    sim::Scheduler scheduler;
    sim::TraceRecorder recorder(scheduler);
    scheduler.advance_to(Millis{1234});
    {
        std::string detail = "awaiting_approval";
        recorder.emit(hal::TraceRecord{Millis{34}, "auth", "state", detail});
        detail = "overwritten";
    }
    recorder.record_line("power", "off", "");
    REQUIRE(recorder.lines().size() == 2);
    CHECK(recorder.lines()[0].at == Millis{1234});  // world time, not the record's since-power-on
    CHECK(recorder.lines()[0].category == "auth");
    CHECK(recorder.lines()[0].detail == "awaiting_approval");
    CHECK(recorder.lines()[1].event == "off");
}

TEST_CASE("virtual led ring latches the last frame and counts frames", "[sim][ring]") {
    sim::VirtualLedRing ring;
    hal::RingFrame frame{};
    frame[0] = hal::Rgb{255, 100, 0};
    frame[6] = hal::Rgb{0, 0, 1};
    ring.show(hal::RingFrame{});
    ring.show(frame);
    CHECK(ring.frames_shown() == 2);
    CHECK(ring.frame() == frame);
    CHECK(ring.lit() == 2);
    ring.go_dark();
    CHECK(ring.lit() == 0);
    CHECK(ring.frames_shown() == 2);
}
