// Bad input to the setup and network vocabulary (band, congestion, expect_app) names the
// file, the line and what was expected.
#include <catch2/catch.hpp>

#include "runner/malformed_cases.hpp"

#include "runner/scenario_error.hpp"
#include "runner/scenario_loader.hpp"

using namespace ringside::runner;

TEST_CASE("bad band, congestion and app report names are refused with file:line") {
    ringside::test::check_refused(
        {{"malformed_setup/bad_band.yaml", 3, "unknown band '6GHz'; expected 2.4GHz or 5GHz"},
         {"malformed_setup/bad_congestion.yaml", 4, "unknown congestion 'extreme'; expected one of: none, low"},
         {"malformed_setup/bad_app_told.yaml", 4, "unknown setup progress 'wifi_ok'; expected one of:"}});
}
