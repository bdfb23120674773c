// VirtualSpeaker::sample_every, the demo's way of watching a run: it hands over each instant
// k * period as time moves past it, seeing the world as a test stepping to that instant
// sees it, and watching changes nothing about the run.
#include <catch2/catch.hpp>

#include "home_world.hpp"

#include <string>
#include <vector>

#include "sim/virtual_speaker.hpp"

using namespace ringside;
using namespace std::chrono_literals;
using sim::VirtualSpeaker;

namespace {

struct Seen {
    std::chrono::microseconds at;
    hal::RingFrame leds;
    fw::DeviceState device;
    bool operator==(const Seen& o) const { return at == o.at && leds == o.leds && device == o.device; }
};

std::string trace_of(const VirtualSpeaker& world) {
    std::string all;
    for (const sim::TraceLine& line : world.trace())
        all += std::to_string(line.at.count()) + " " + line.category + " " + line.event + " " + line.detail + "\n";
    return all;
}

// Power on, provision, and let it run to `end`.
void play(VirtualSpeaker& world, sim::Millis end) {
    world.power_on();
    REQUIRE(world.run_until(10s, [&] { return world.device_state() == fw::DeviceState::Setup; }));
    world.provision("Home", "wifi-secret", "jane");
    world.run_until(end, nullptr);
}

} // namespace

TEST_CASE("samples come every period and show the world as stepping to that instant does", "[sim][sampling]") {
    VirtualSpeaker watched(sim::test::home_world(8));
    std::vector<Seen> samples;
    watched.sample_every(250ms, [&](std::chrono::microseconds at) {
        samples.push_back({at, watched.leds(), watched.device_state()});
    });
    play(watched, 6s);
    watched.flush_samples();

    // 0, 250 ms, ..., 6 s: the flush hands over the instant the run stopped at.
    REQUIRE(samples.size() == 25);
    for (std::size_t k = 0; k < samples.size(); ++k) CHECK(samples[k].at == std::chrono::microseconds(250'000 * k));

    CHECK(samples.front().device == fw::DeviceState::Booting);
    bool saw_setup = false;
    for (const Seen& seen : samples) saw_setup = saw_setup || seen.device == fw::DeviceState::Setup;
    CHECK(saw_setup);
    std::size_t agreeing_prefix = 0;
    {
        VirtualSpeaker again(sim::test::home_world(8));
        std::size_t k = 0;
        again.sample_every(250ms, [&](std::chrono::microseconds at) {
            if (k < samples.size() && samples[k] == Seen{at, again.leds(), again.device_state()} && agreeing_prefix == k)
                ++agreeing_prefix;
            ++k;
        });
        play(again, 6s);
        again.flush_samples();
    }
    CHECK(agreeing_prefix == samples.size());  // the same seed, watched again: the same samples
}

TEST_CASE("watching a run does not change it", "[sim][sampling]") {
    VirtualSpeaker plain(sim::test::home_world(9)), watched(sim::test::home_world(9));
    int seen = 0;
    watched.sample_every(std::chrono::microseconds(12'345), [&](std::chrono::microseconds) { ++seen; });
    play(plain, 40s);
    play(watched, 40s);
    CHECK(seen > 3000);
    CHECK(trace_of(plain) == trace_of(watched));
    CHECK(plain.events_processed() == watched.events_processed());
}

TEST_CASE("a sample sees every event due at its instant and none after it", "[sim][sampling]") {
    // The ring animates on a 33 ms frame timer: a sample at t shows the frame latched by the
    // last tick at or before t, the same frame a world run to exactly t shows.
    VirtualSpeaker watched(sim::test::home_world(10)), stepped(sim::test::home_world(10));
    std::vector<Seen> samples;
    watched.sample_every(33ms, [&](std::chrono::microseconds at) { samples.push_back({at, watched.leds(), watched.device_state()}); });
    watched.power_on();
    watched.run_until(3s, nullptr);
    stepped.power_on();
    REQUIRE(samples.size() == 91);  // 0, 33, .., 2970 ms; 3003 ms lies ahead
    for (const Seen& s : samples) {
        stepped.run_until(std::chrono::duration_cast<sim::Millis>(s.at), nullptr);
        INFO("at " << s.at.count() << " us");
        CHECK(stepped.leds() == s.leds);
        CHECK(stepped.device_state() == s.device);
    }
}
