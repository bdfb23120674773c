// `ringside import har` on any bytes: an ImportError naming the capture, or a scenario that
// the runner loads — never a crash, an abort, another exception or a scenario it refuses.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "importer/har/import_error.hpp"
#include "importer/har/import_har.hpp"
#include "runner/scenario_loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    ringside::importer::ImportedScenario imported;
    try {
        imported = ringside::importer::import_har_text("fuzz.har", std::string(reinterpret_cast<const char*>(data), size));
    } catch (const ringside::importer::ImportError&) {
        return 0;
    }
    (void)ringside::runner::parse_scenario(imported.yaml, "imported.yaml");  // a ScenarioError escapes: a finding
    return 0;
}
