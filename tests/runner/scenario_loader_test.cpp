#include <catch2/catch.hpp>

#include "runner/malformed_cases.hpp"

#include "runner/scenario_error.hpp"
#include "runner/scenario_loader.hpp"

using namespace ringside::runner;

TEST_CASE("every malformed file names its line and what was expected") {
    ringside::test::check_refused({{"malformed/bad_yaml.yaml", 4, "not valid YAML"},
                                   {"malformed/unknown_step.yaml", 5, "unknown step 'jump_around'; expected one of:"},
                                   {"malformed/bad_duration.yaml", 6, "bad duration '5 parsecs'"},
                                   {"malformed/missing_field.yaml", 6, "missing required field 'account' in app.provision"},
                                   {"malformed/unknown_state.yaml", 4, "unknown expect_state.device 'dancing'"}});
}

TEST_CASE("a good scenario loads with its steps, seed and world") {
    const Scenario s = load_scenario(std::string(RINGSIDE_SOURCE_DIR) + "/scenarios/device_grant/slow_down_adds_five_seconds.yaml");
    CHECK(s.seed == 3);
    CHECK(s.world.cloud.poll_interval == std::chrono::seconds(5));
    REQUIRE(s.world.networks.size() == 1);
    REQUIRE(s.steps.size() > 5);
    CHECK(s.steps[0].name == "power_on");
    CHECK(s.steps[0].where.line == 9);
    CHECK(s.steps[2].name == "app.provision");
    CHECK(s.steps[2].text == "app.provision: {wifi: Home, account: jane}");
}

TEST_CASE("the counting, never and either-or keys are checked where they are written") {
    ringside::test::check_refused(
        {{"malformed/error_empty_string.yaml", 5, "error \"\" is ambiguous: write 'error: none'"},
         {"malformed/mark_reserved_name.yaml", 5, "mark: expected a name other than 'start' and 'step'"},
         {"malformed/expect_any_one_outcome.yaml", 5, "expect_any needs at least two outcomes"},
         {"malformed/expect_never_requests.yaml", 5, "expect_never cannot count requests: write expect_requests with 'at_most'"},
         {"malformed/expect_requests_two_bounds.yaml", 5, "needs exactly one of 'at_least', 'count' or 'at_most'"},
         {"malformed/expect_never_said_nothing.yaml", 5, "said: expected the text said, or 'any'"}});
}

// yaml-cpp throws its own exceptions for keys that are not plain scalars; each must become a
// refusal at file:line, never an exception the runner does not expect (it aborted, exit 134).
TEST_CASE("mapping keys that are lists or mappings are refused at their line") {
    ringside::test::check_refused(
        {{"malformed_yaml/step_key_is_a_list.yaml", 2, "must be a plain name, not a list"},
         {"malformed_yaml/top_level_key_is_a_list.yaml", 4, "must be a plain name, not a list"},
         {"malformed_yaml/delay_with_a_list_as_key.yaml", 4, "must be a plain name, not a list"}});
}
