// Bad voice input in a scenario file: file:line and what was expected.
#include <catch2/catch.hpp>

#include "runner/scenario_error.hpp"
#include "runner/scenario_loader.hpp"

using namespace ringside::runner;

namespace {

std::string data(const std::string& name) { return std::string(RINGSIDE_SOURCE_DIR) + "/tests/data/" + name; }

} // namespace

TEST_CASE("bad voice keys and steps name their line and what was expected") {
    struct Case {
        const char* file;
        int line;
        const char* says;
    };
    for (const Case& c : {Case{"malformed_voice/unknown_voice.yaml", 6, "unknown voice 'bob'; expected a household member declared under cloud.accounts (jane, sam)"},
                          Case{"malformed_voice/bad_voice_code.yaml", 6, "voice_code must be 4 digits"}}) {
        INFO(c.file);
        bool failed = false;
        try {
            load_scenario(data(c.file));
        } catch (const ScenarioError& e) {
            failed = true;
            CHECK(e.where().line == c.line);
            CHECK_THAT(e.what(), Catch::Contains(c.says));
        }
        CHECK(failed);
    }
}
