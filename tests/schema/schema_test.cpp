#include <catch2/catch.hpp>

#include <string>

#include "catalog_vs_schema.hpp"
#include "firmware/core/states.hpp"

using namespace ringside;
using nlohmann::json;

namespace {

std::string lines(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += s + "\n";
    return out;
}

// Every name fw::to_string gives for an enum, in order, up to the first "unknown".
template <typename Enum>
json names_of() {
    json out = json::array();
    for (int i = 0;; ++i) {
        const std::string_view name = fw::to_string(static_cast<Enum>(i));
        if (name == "unknown") return out;
        out.push_back(std::string(name));
    }
}

} // namespace

TEST_CASE("the schema names every step of the runner's catalogue with the same keys") {
    const auto differences = test::catalog_vs_schema(runner::step_catalog(), test::load_schema(), test::example_world());
    INFO(lines(differences));
    CHECK(differences.empty());
}

TEST_CASE("a step added to the runner but not to the schema is caught") {
    runner::StepCatalog catalog = runner::step_catalog();
    catalog["jump_around"] = catalog.at("power_on");
    const auto differences = test::catalog_vs_schema(catalog, test::load_schema(), test::example_world());
    REQUIRE(differences.size() == 1);
    CHECK(differences[0] == "step 'jump_around' is in the runner's catalogue but not in the schema");
}

TEST_CASE("a key the runner reads but the schema lacks is caught and so is one it never reads") {
    json schema = test::load_schema();
    json& steps = schema["$defs"]["step"]["anyOf"][1]["properties"];
    steps["expect_requests"]["properties"].erase("at_most");
    steps["hold"]["properties"]["loudly"] = json{{"type", "boolean"}};
    const auto differences = test::catalog_vs_schema(runner::step_catalog(), schema, test::example_world());
    INFO(lines(differences));
    REQUIRE(differences.size() == 2);
    CHECK(differences[0] == "step 'expect_requests': the runner reads keys the schema lacks: at_most");
    CHECK(differences[1] == "step 'hold': the schema has keys no example makes the runner read: loudly");
}

TEST_CASE("the schema's state and ring names are the firmware's") {
    const json schema = test::load_schema();
    CHECK(schema["$defs"]["device_state"]["enum"] == names_of<fw::DeviceState>());
    CHECK(schema["$defs"]["auth_state"]["enum"] == names_of<fw::AuthState>());
    CHECK(schema["$defs"]["ring_pattern"]["enum"] == names_of<fw::RingPattern>());
}
