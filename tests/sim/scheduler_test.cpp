#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/clock/scheduler.hpp"

using ringside::sim::Millis;
using ringside::sim::Scheduler;

namespace {

void run_all(Scheduler& s, Millis limit) {
    while (s.run_next(limit)) {
    }
}

} // namespace

TEST_CASE("scheduler runs events in time order and jumps now() to each", "[sim][scheduler]") {
    Scheduler s;
    std::vector<std::pair<int, Millis>> ran;
    s.schedule_at(Millis{300}, [&] { ran.emplace_back(3, s.now()); });
    s.schedule_at(Millis{100}, [&] { ran.emplace_back(1, s.now()); });
    s.schedule_at(Millis{200}, [&] { ran.emplace_back(2, s.now()); });

    run_all(s, Millis{1000});

    REQUIRE(ran == std::vector<std::pair<int, Millis>>{{1, Millis{100}}, {2, Millis{200}}, {3, Millis{300}}});
    CHECK(s.now() == Millis{300});  // run_next does not move past the last event
    CHECK(s.executed() == 3);
    CHECK(s.pending() == 0);
}

TEST_CASE("scheduler keeps FIFO order among events at the same time", "[sim][scheduler]") {
    Scheduler s;
    std::string order;
    for (char c : std::string("abcdefghij")) s.schedule_at(Millis{50}, [&order, c] { order += c; });
    // An event scheduled for "now" from inside an action runs after those already queued.
    s.schedule_at(Millis{50}, [&] { s.schedule_at(s.now(), [&] { order += '!'; }); });
    s.schedule_at(Millis{50}, [&] { order += 'z'; });

    run_all(s, Millis{50});

    CHECK(order == "abcdefghijz!");
}

TEST_CASE("scheduler cancel removes exactly the named event", "[sim][scheduler]") {
    Scheduler s;
    std::string order;
    const auto a = s.schedule_at(Millis{10}, [&] { order += 'a'; });
    const auto b = s.schedule_at(Millis{10}, [&] { order += 'b'; });
    s.schedule_at(Millis{20}, [&] { order += 'c'; });

    CHECK(s.cancel(b));
    CHECK_FALSE(s.cancel(b));  // twice: already gone
    CHECK_FALSE(s.cancel(Scheduler::Handle{}));
    CHECK(s.pending() == 2);

    run_all(s, Millis{100});
    CHECK(order == "ac");
    CHECK_FALSE(s.cancel(a));  // already ran
}

TEST_CASE("a stale handle cannot cancel a later event that reuses its slot", "[sim][scheduler]") {
    Scheduler s;
    int fired = 0;
    const auto old = s.schedule_at(Millis{10}, [&] { fired += 1; });
    REQUIRE(s.cancel(old));
    s.schedule_at(Millis{10}, [&] { fired += 10; });  // reuses the freed slot

    CHECK_FALSE(s.cancel(old));
    run_all(s, Millis{10});
    CHECK(fired == 10);
}

TEST_CASE("run_next stops at the limit and advance_to only moves forward", "[sim][scheduler]") {
    Scheduler s;
    int fired = 0;
    s.schedule_at(Millis{500}, [&] { ++fired; });

    CHECK_FALSE(s.run_next(Millis{499}));
    CHECK(s.now() == Millis{0});
    s.advance_to(Millis{499});
    CHECK(s.now() == Millis{499});
    s.advance_to(Millis{100});
    CHECK(s.now() == Millis{499});

    CHECK(s.next_time() == Millis{500});
    CHECK(s.run_next(Millis{500}));  // the limit is inclusive
    CHECK(fired == 1);
    CHECK_FALSE(s.next_time().has_value());
}

TEST_CASE("an event scheduled in the past runs at now, never moving time back", "[sim][scheduler]") {
    Scheduler s;
    s.advance_to(Millis{1000});
    Millis seen{-1};
    s.schedule_at(Millis{10}, [&] { seen = s.now(); });
    REQUIRE(s.run_next(Millis{1000}));
    CHECK(seen == Millis{1000});
}

TEST_CASE("schedule_in is relative to now", "[sim][scheduler]") {
    Scheduler s;
    s.advance_to(Millis{40});
    Millis seen{0};
    s.schedule_in(Millis{60}, [&] { seen = s.now(); });
    run_all(s, Millis{1000});
    CHECK(seen == Millis{100});
}

TEST_CASE("scheduler stays correct under heavy re-arming", "[sim][scheduler]") {
    // A timer re-armed on every tick: cancelled entries must neither fire nor pile up.
    Scheduler s;
    Scheduler::Handle far;
    int far_fired = 0;
    int ticks = 0;
    std::function<void()> tick = [&] {
        ++ticks;
        s.cancel(far);
        far = s.schedule_in(Millis{3'600'000}, [&] { ++far_fired; });
        if (ticks < 100'000) s.schedule_in(Millis{100}, tick);
    };
    s.schedule_at(Millis{0}, tick);
    run_all(s, Millis{100'000 * 100});
    CHECK(ticks == 100'000);
    CHECK(far_fired == 0);
    CHECK(s.pending() == 1);
    run_all(s, Millis{100'000 * 100 + 3'600'000});
    CHECK(far_fired == 1);
}
