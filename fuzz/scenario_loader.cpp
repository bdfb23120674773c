// The scenario loader on any bytes: a ScenarioError naming file and line, or a scenario —
// never a crash, an abort or another exception (issue 12's yaml-cpp exceptions included).
#include <cstddef>
#include <cstdint>
#include <string>

#include "runner/scenario_error.hpp"
#include "runner/scenario_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)ringside::runner::parse_scenario(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
    } catch (const ringside::runner::ScenarioError&) {
    }
    return 0;
}
