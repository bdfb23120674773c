// The kit's clocks and random source against the simulator's: the firmware's uptime, the
// battery-backed calendar and the seeded draws read the same at the same world times.
#include <catch2/catch.hpp>

#include "hil/boards/common/event_queue.hpp"
#include "hil/boards/common/kit_clock.hpp"
#include "hil/boards/common/kit_random.hpp"
#include "hil/boards/common/kit_rtc.hpp"
#include "sim/board/seeded_random.hpp"
#include "sim/board/virtual_clock.hpp"
#include "sim/board/virtual_rtc.hpp"
#include "sim/clock/scheduler.hpp"

using namespace ringside;
using Millis = std::chrono::milliseconds;

TEST_CASE("kit clock counts uptime since the last power-on, as the virtual clock does", "[boards][clock]") {
    sim::Scheduler scheduler;
    kit::EventQueue queue;
    sim::VirtualClock on_sim(scheduler);
    kit::KitClock on_kit(queue);
    const auto to = [&](Millis t) {
        scheduler.advance_to(t);
        queue.advance_to(t);
    };
    CHECK(on_kit.now() == Millis{0});
    to(Millis{1'234});
    CHECK(on_kit.now() == on_sim.now());
    CHECK(on_kit.now() == Millis{1'234});
    on_sim.mark_power_on();
    on_kit.mark_power_on();
    to(Millis{5'000});
    CHECK(on_kit.now() == on_sim.now());
    CHECK(on_kit.now() == Millis{3'766});
    CHECK(on_kit.powered_on_at() == Millis{1'234});
    to(Millis{4'000});  // never backwards
    CHECK(on_kit.now() == Millis{3'766});
}

TEST_CASE("kit RTC keeps calendar time through world time in whole seconds, as the virtual RTC does", "[boards][rtc]") {
    for (std::int64_t start : {std::int64_t{0}, std::int64_t{1'764'028'800}, std::int64_t{-5}}) {
        CAPTURE(start);
        sim::Scheduler scheduler;
        kit::EventQueue queue;
        const auto to = [&](Millis t) {
            scheduler.advance_to(t);
            queue.advance_to(t);
        };
        to(Millis{2'500});  // made half way through a second, as a board made at its first BoardConfig
        sim::VirtualRtc on_sim(scheduler, start);
        kit::KitRtc on_kit(queue, start);
        CHECK(on_kit.unix_seconds() == start);
        for (Millis t : {Millis{2'999}, Millis{3'000}, Millis{3'001}, Millis{86'400'000}, Millis{86'400'999}}) {
            to(t);
            CHECK(on_kit.unix_seconds() == on_sim.unix_seconds());
        }
        on_sim.set_unix_seconds(1'700'000'000);
        on_kit.set_unix_seconds(1'700'000'000);
        to(Millis{90'000'700});
        CHECK(on_kit.unix_seconds() == on_sim.unix_seconds());
        CHECK(on_kit.unix_seconds() == 1'700'000'000 + (90'000 - 86'400));
    }
}

TEST_CASE("kit random draws the seeded random's stream, high halves of xoshiro256**", "[boards][random]") {
    for (std::uint64_t seed : {0u, 1u, 2u, 3u, 0xdeadbeefu}) {
        CAPTURE(seed);
        sim::SeededRandom on_sim(seed);
        kit::KitRandom on_kit(seed);
        for (int i = 0; i < 1'000; ++i) REQUIRE(on_kit.next_u32() == on_sim.next_u32());
        CHECK(on_kit.draws() == 1'000);
    }
    // Pinned, so a change to the shared generator cannot pass unnoticed here either.
    kit::KitRandom one(1);
    CHECK(one.next_u32() == 0xb3f2af6du);
}
