// A scenario's `schedule:` (actions at a virtual time, whatever step runs then),
// `expectations: advisory` and `properties:`, through the loader and the executor.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "runner/scenario_executor.hpp"
#include "runner/scenario_loader.hpp"

namespace {

using namespace ringside;
using runner::Millis;

const std::string kWorld = R"(name: scheduled
seed: 5
cloud:
  accounts: [{ id: jane, password: correct-horse }]
wifi: [{ ssid: Home, password: hunter22 }]
)";

runner::ScenarioResult play(const std::string& text) {
    const runner::Scenario s = runner::parse_scenario(kWorld + text, "scheduled.yaml");
    return runner::run_scenario(s, s.seed);
}

Millis first(const runner::ScenarioResult& r, const std::string& category, const std::string& event) {
    for (const auto& line : r.trace)
        if (line.category == category && line.event == event) return line.at;
    return Millis(-1);
}

} // namespace

TEST_CASE("a scheduled action plays at its virtual time in the middle of a step that waits") {
    const auto r = play(R"(schedule:
  - { at: 12s345ms, wifi: lost }
  - { at: 40s, wifi: back }
steps:
  - power_on
  - advance: 1m
)");
    REQUIRE(r.passed());
    CHECK(first(r, "test", "access_points_off") == Millis(12'345));
    CHECK(first(r, "test", "access_points_on") == Millis(40'000));
}

TEST_CASE("under advisory expectations a failed step is reported and the run goes on") {
    const std::string steps = R"(steps:
  - power_on
  - expect_state: { device: linked, within: 5s }
  - advance: 1m
)";
    const auto must_hold = play(steps);
    REQUIRE_FALSE(must_hold.passed());
    CHECK(must_hold.virtual_end == Millis(5'000));

    const auto advisory = play("expectations: advisory\n" + steps);
    CHECK(advisory.passed());
    REQUIRE(advisory.advisories.size() == 1);
    CHECK(advisory.advisories[0].step_number == 2);
    CHECK(advisory.virtual_end == Millis(65'000));
}

TEST_CASE("a broken property fails the run with its name, the time and the figures") {
    // The cloud asks for 10 s between polls after a slow_down; a planted stack ignores it.
    const auto r = play(R"(plant: no_slow_down
properties: [poll_interval]
expectations: advisory
steps:
  - power_on
  - expect_state: { device: setup, within: 5s }
  - app.provision: { wifi: Home, account: jane }
  - expect_state: { auth: awaiting_approval, within: 30s }
  - cloud.fault: { endpoint: token, grant: device_code, error: slow_down }
  - advance: 1m
)");
    REQUIRE(r.violation);
    CHECK(r.violation->property == runner::Property::PollInterval);
    REQUIRE_FALSE(r.passed());
    CHECK_THAT(r.failure->message, Catch::StartsWith("property poll_interval broken: a poll came 5s"));
    CHECK_THAT(r.failure->message, Catch::Contains("the interval in force was 10s"));
}

TEST_CASE("the same scenario without the planted defect keeps the property") {
    const auto r = play(R"(properties: [all]
steps:
  - power_on
  - expect_state: { device: setup, within: 5s }
  - app.provision: { wifi: Home, account: jane }
  - expect_state: { auth: awaiting_approval, within: 30s }
  - cloud.fault: { endpoint: token, grant: device_code, error: slow_down }
  - user.approve: { account: jane }
  - expect_state: { device: linked, within: 30s }
)");
    CHECK(r.passed());
    CHECK_FALSE(r.violation);
}

TEST_CASE("a world that stops advancing fails the run instead of hanging") {
    const auto r = play(R"(plant: spin_on_wifi_loss
steps:
  - power_on
  - wifi: lost
  - advance: 1m
)");
    REQUIRE_FALSE(r.passed());
    CHECK_THAT(r.failure->message, Catch::Contains("the world stopped advancing"));
    CHECK(r.failure->step_number == 3);
}
