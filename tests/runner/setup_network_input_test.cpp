// Bad input to the setup and network vocabulary (band, congestion, expect_app) names the
// file, the line and what was expected.
#include <catch2/catch.hpp>

#include "runner/scenario_error.hpp"
#include "runner/scenario_loader.hpp"

using namespace ringside::runner;

TEST_CASE("bad band, congestion and app report names are refused with file:line") {
    struct Case {
        const char* file;
        int line;
        const char* says;
    };
    for (const Case& c : {Case{"bad_band.yaml", 3, "unknown band '6GHz'; expected 2.4GHz or 5GHz"},
                          Case{"bad_congestion.yaml", 4, "unknown congestion 'extreme'; expected one of: none, low"},
                          Case{"bad_app_told.yaml", 4, "unknown setup progress 'wifi_ok'; expected one of:"}}) {
        INFO(c.file);
        const std::string path = std::string(RINGSIDE_SOURCE_DIR) + "/tests/data/malformed_setup/" + c.file;
        bool threw = false;
        try {
            load_scenario(path);
        } catch (const ScenarioError& e) {
            threw = true;
            CHECK(e.where().line == c.line);
            CHECK_THAT(e.what(), Catch::Contains(c.says));
            CHECK_THAT(e.what(), Catch::Contains(c.file));
        }
        CHECK(threw);
    }
}
