// Bad voice input in a scenario file: file:line and what was expected.
#include <catch2/catch.hpp>

#include "runner/malformed_cases.hpp"

#include "runner/scenario_error.hpp"
#include "runner/scenario_loader.hpp"

using namespace ringside::runner;


TEST_CASE("bad voice keys and steps name their line and what was expected") {
    ringside::test::check_refused(
        {{"malformed_voice/unknown_voice.yaml", 6,
          "unknown voice 'bob'; expected a household member declared under cloud.accounts (jane, sam)"},
         {"malformed_voice/bad_voice_code.yaml", 6, "voice_code must be 4 digits"}});
}
