#include <catch2/catch.hpp>

#include <vector>

#include "bus_rig.hpp"
#include "sim/board/virtual_wifi.hpp"
#include "sim/virtual_speaker.hpp"

using namespace ringside;
using sim::Millis;
using sim::test::run_all;

namespace {

struct WifiRig : sim::test::BusRig {
    std::vector<sim::WifiNetwork> networks{{"Home", "secret"}, {"Cafe", ""}};
    sim::VirtualWifi wifi{bus, networks};
};

} // namespace

TEST_CASE("wifi joins a network in range with the right password after the join delay", "[sim][wifi]") {
    WifiRig rig;
    rig.scheduler.advance_to(Millis{100});
    rig.wifi.join("Home", "secret");
    CHECK_FALSE(rig.wifi.associated());
    run_all(rig.scheduler, Millis{10'000});
    REQUIRE(rig.log.events.size() == 1);
    CHECK(rig.log.events[0].type == fw::EventType::WifiJoined);
    CHECK(rig.log.events[0].at == Millis{100} + sim::VirtualWifi::kJoinDelay);
    CHECK(rig.wifi.associated());
    CHECK(rig.wifi.ssid() == "Home");
}

TEST_CASE("wifi fails on a wrong password or an unknown network", "[sim][wifi]") {
    WifiRig rig;
    rig.wifi.join("Home", "Secret");
    run_all(rig.scheduler, Millis{10'000});
    rig.wifi.join("Elsewhere", "secret");
    run_all(rig.scheduler, Millis{10'000});
    REQUIRE(rig.log.events.size() == 2);
    CHECK(rig.log.events[0].type == fw::EventType::WifiFailed);
    CHECK(rig.log.events[1].type == fw::EventType::WifiFailed);
    CHECK_FALSE(rig.wifi.associated());
    CHECK(rig.wifi.join_attempts() == 2);
}

TEST_CASE("wifi leave abandons a join in progress and drops the link", "[sim][wifi]") {
    WifiRig rig;
    rig.wifi.join("Cafe", "");
    run_all(rig.scheduler, Millis{10'000});
    REQUIRE(rig.wifi.associated());
    rig.wifi.join("Home", "secret");  // a new join first drops the old association
    CHECK_FALSE(rig.wifi.associated());
    rig.wifi.leave();
    run_all(rig.scheduler, Millis{20'000});
    REQUIRE(rig.log.events.size() == 1);  // only the first join answered
    CHECK_FALSE(rig.wifi.associated());
}
