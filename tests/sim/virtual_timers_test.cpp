#include <catch2/catch.hpp>

#include "bus_rig.hpp"
#include "sim/board/virtual_timers.hpp"

using namespace ringside;
using sim::Millis;
using sim::test::run_all;

namespace {

struct TimerRig : sim::test::BusRig {
    sim::VirtualTimers timers{bus};
};

} // namespace

TEST_CASE("an armed timer fires once, after its delay, with its id", "[sim][timers]") {
    TimerRig rig;
    rig.scheduler.advance_to(Millis{1000});
    rig.timers.arm(3, Millis{250});
    CHECK(rig.timers.armed(3));
    CHECK(rig.timers.due(3) == Millis{1250});

    run_all(rig.scheduler, Millis{10'000});

    REQUIRE(rig.log.events.size() == 1);
    CHECK(rig.log.events[0].type == fw::EventType::TimerExpired);
    CHECK(rig.log.events[0].timer == 3);
    CHECK(rig.log.events[0].at == Millis{1250});
    CHECK_FALSE(rig.timers.armed(3));
}

TEST_CASE("re-arming a timer replaces its pending expiry", "[sim][timers]") {
    TimerRig rig;
    rig.timers.arm(1, Millis{100});
    rig.timers.arm(1, Millis{500});   // later
    rig.timers.arm(2, Millis{300});
    rig.timers.arm(2, Millis{50});    // earlier

    run_all(rig.scheduler, Millis{10'000});

    REQUIRE(rig.log.events.size() == 2);
    CHECK(rig.log.events[0].timer == 2);
    CHECK(rig.log.events[0].at == Millis{50});
    CHECK(rig.log.events[1].timer == 1);
    CHECK(rig.log.events[1].at == Millis{500});
}

TEST_CASE("a cancelled timer never fires, cancel of an idle timer is a no-op", "[sim][timers]") {
    TimerRig rig;
    rig.timers.cancel(4);
    rig.timers.arm(4, Millis{100});
    rig.timers.cancel(4);
    CHECK_FALSE(rig.timers.armed(4));
    run_all(rig.scheduler, Millis{10'000});
    CHECK(rig.log.events.empty());
}

TEST_CASE("a timer re-armed from its own expiry fires again", "[sim][timers]") {
    TimerRig rig;
    int expiries = 0;
    rig.bus.attach([&](const fw::Event& e) {
        if (e.type == fw::EventType::TimerExpired && ++expiries < 5) rig.timers.arm(e.timer, Millis{10});
    });
    rig.timers.arm(0, Millis{0});
    run_all(rig.scheduler, Millis{10'000});
    CHECK(expiries == 5);
    CHECK(rig.scheduler.now() == Millis{40});
}

TEST_CASE("reset disarms every timer and ids beyond kMaxTimers are refused", "[sim][timers]") {
    TimerRig rig;
    for (hal::TimerId id = 0; id < hal::kMaxTimers; ++id) rig.timers.arm(id, Millis{10 + id});
    rig.timers.arm(hal::kMaxTimers, Millis{1});
    CHECK(rig.timers.invalid_ids() == 1);
    rig.timers.reset();
    run_all(rig.scheduler, Millis{10'000});
    CHECK(rig.log.events.empty());
    CHECK(rig.scheduler.pending() == 0);
}

TEST_CASE("a negative delay fires at once, never in the past", "[sim][timers]") {
    TimerRig rig;
    rig.scheduler.advance_to(Millis{70});
    rig.timers.arm(5, Millis{-20});
    run_all(rig.scheduler, Millis{70});
    REQUIRE(rig.log.events.size() == 1);
    CHECK(rig.log.events[0].at == Millis{70});
}
