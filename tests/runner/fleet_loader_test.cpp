// Worlds of several speakers in the scenario language (runner/speaker_address.hpp): each
// mistake a user can make is refused at load time with the file, the line and what was
// expected; a speaker named in a step really is the one that acts.
#include <catch2/catch.hpp>

#include <string>

#include "runner/scenario_error.hpp"
#include "runner/scenario_executor.hpp"
#include "runner/scenario_loader.hpp"

using namespace ringside;

namespace {

const std::string kHead =
    "name: two speakers\n"
    "cloud: { accounts: [{ id: jane, password: correct-horse }] }\n"
    "wifi: [{ ssid: Home, password: hunter22 }]\n"
    "speakers: [kitchen, office]\n"
    "steps:\n";

// The error loading `steps` (after kHead, whose steps start on line 6) gives, or "" if none.
std::string refusal(const std::string& steps, int* line = nullptr) {
    try {
        runner::parse_scenario(kHead + steps, "fleet.yaml");
    } catch (const runner::ScenarioError& e) {
        if (line) *line = e.where().line;
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("fleet scenario mistakes are refused with the line and what was expected", "[fleet]") {
    int line = 0;
    CHECK_THAT(refusal("  - power_on\n", &line), Catch::Contains("say which one power_on is for with 'speaker: NAME'"));
    CHECK(line == 6);
    CHECK_THAT(refusal("  - { power_on: ~, speaker: hall }\n", &line), Catch::Contains("unknown speaker 'hall'"));
    CHECK(line == 6);
    CHECK_THAT(refusal("  - { power_on: ~, speaker: all }\n  - { expect_state: { device: setup }, speaker: all }\n", &line),
               Catch::Contains("for the fleet as a whole write expect_fleet"));
    CHECK(line == 7);
    CHECK_THAT(refusal("  - { advance: 1m, speaker: kitchen }\n"), Catch::Contains("advance is about the world as a whole"));
    CHECK_THAT(refusal("  - { power_on: ~, speaker: kitchen, spread: 1m }\n"), Catch::Contains("it goes with 'speaker: all'"));
    CHECK_THAT(refusal("  - { expect_state: { device: setup }, speaker: all, spread: 1m }\n"),
               Catch::Contains("expect_state cannot be spread"));
    CHECK_THAT(refusal("  - expect_fleet: { state: { ring: setup }, count: all }\n"), Catch::Contains("a ring pattern is one speaker's"));
    CHECK_THAT(refusal("  - expect_fleet: { state: { auth: linked } }\n"), Catch::Contains("needs one of: count"));
    CHECK_THAT(refusal("  - expect_fleet: { sign_in_time: { p42: 1m } }\n"), Catch::Contains("unknown sign_in_time bound 'p42'"));
    CHECK_THAT(refusal("  - app.revoke: { account: jane, speaker: hall }\n"), Catch::Contains("unknown speaker 'hall'"));
    CHECK(refusal("  - { power_on: ~, speaker: office }\n").empty());

    const auto world = [](const std::string& declaration) {
        try {
            runner::parse_scenario("name: w\n" + declaration + "steps: [advance: 1s]\n", "fleet.yaml");
        } catch (const runner::ScenarioError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    CHECK_THAT(world("speakers: [a, a]\n"), Catch::Contains("speaker 'a' is declared twice"));
    CHECK_THAT(world("speakers: [all]\n"), Catch::Contains("bad speaker name 'all'"));
    CHECK_THAT(world("speakers: [{ name: a, serial: 'no spaces' }]\n"), Catch::Contains("bad serial number"));
    CHECK_THAT(world("fleet: 0\n"), Catch::Contains("fleet.yaml:2"));
    CHECK_THAT(world("fleet: 2\nspeakers: [a]\n"), Catch::Contains("not both"));
}

TEST_CASE("a step addressed to one speaker of two acts on that one only", "[fleet]") {
    const runner::Scenario s = runner::parse_scenario(kHead +
                                                          "  - { power_on: ~, speaker: office }\n"
                                                          "  - expect_fleet: { state: { device: setup }, count: 1, within: 5s }\n"
                                                          "  - { expect_state: { device: setup }, speaker: office }\n"
                                                          "  - { expect_state: { device: off }, speaker: kitchen }\n",
                                                      "fleet.yaml");
    const runner::ScenarioResult r = runner::run_scenario(s, s.seed);
    INFO((r.failure ? r.failure->message : std::string()));
    CHECK(r.passed());
    // The power line is the office speaker's (the second), and so is every firmware line.
    bool office_traced = false;
    for (const sim::TraceLine& line : r.trace) {
        CHECK(line.speaker == 1);
        office_traced = office_traced || line.category == "device";
    }
    CHECK(office_traced);
    REQUIRE(r.sign_in_times.size() == 2);
    CHECK_FALSE(r.sign_in_times[0].has_value());
}

TEST_CASE("speakers of a fleet have their own serial numbers and seeds but one run per seed", "[fleet]") {
    const std::string text =
        "name: three\nseed: 9\ncloud: { accounts: [{ id: jane, password: correct-horse }] }\n"
        "wifi: [{ ssid: Home, password: hunter22 }]\nfleet: 3\nsteps:\n"
        "  - { power_on: ~, speaker: all, spread: 30s }\n"
        "  - { app.provision: { wifi: Home, account: jane }, speaker: all }\n"
        "  - expect_fleet: { state: { auth: awaiting_approval }, count: all, within: 1m }\n"
        "  - { user.approve: { account: jane }, speaker: all }\n"
        "  - expect_fleet: { state: { auth: linked }, count: all, within: 1m }\n";
    const runner::Scenario s = runner::parse_scenario(text, "fleet.yaml");
    const runner::ScenarioResult a = runner::run_scenario(s, s.seed);
    const runner::ScenarioResult b = runner::run_scenario(s, s.seed);
    REQUIRE(a.passed());
    REQUIRE(a.trace.size() == b.trace.size());
    for (std::size_t i = 0; i < a.trace.size(); ++i) {
        CHECK(a.trace[i].at == b.trace[i].at);
        CHECK(a.trace[i].detail == b.trace[i].detail);
    }
    // Power-ons spread across 30 s: three different sign-in times; another seed, other moments.
    REQUIRE(a.sign_in_times.size() == 3);
    CHECK(*a.sign_in_times[0] != *a.sign_in_times[1]);
    CHECK(*a.sign_in_times[1] != *a.sign_in_times[2]);
    const runner::ScenarioResult other = runner::run_scenario(s, 10);
    CHECK(other.trace.front().at != a.trace.front().at);
}
