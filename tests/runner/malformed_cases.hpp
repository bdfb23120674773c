#pragma once
// Scenario files that must be refused: each names the line it fails at and what the error
// must say (and its file name, so a user can find it).
#include <catch2/catch.hpp>

#include <initializer_list>
#include <string>

#include "runner/scenario_error.hpp"
#include "runner/scenario_loader.hpp"

namespace ringside::test {

struct MalformedCase {
    const char* file;  // under tests/data/
    int line;
    const char* says;
};

inline void check_refused(std::initializer_list<MalformedCase> cases) {
    for (const MalformedCase& c : cases) {
        INFO(c.file);
        bool refused = false;
        try {
            runner::load_scenario(std::string(RINGSIDE_SOURCE_DIR) + "/tests/data/" + c.file);
        } catch (const runner::ScenarioError& e) {
            refused = true;
            CHECK(e.where().line == c.line);
            CHECK_THAT(e.what(), Catch::Contains(c.says));
            CHECK_THAT(e.what(), Catch::Contains(c.file));
        }
        CHECK(refused);
    }
}

} // namespace ringside::test
