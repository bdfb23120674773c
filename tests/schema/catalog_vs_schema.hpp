#pragma once
// Compares the scenario schema (schema/scenario.schema.json) with the runner's step
// catalogue: the same step names, and for each step with a mapping form the same keys —
// the keys the runner's parser reads from the schema's own examples of that step, which
// the parser must accept. Returns one line per difference; empty when they agree.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "runner/steps/steps.hpp"

namespace ringside::test {

std::vector<std::string> catalog_vs_schema(const runner::StepCatalog& catalog, const nlohmann::json& schema,
                                           const runner::Scenario& world);

nlohmann::json load_schema();        // schema/scenario.schema.json of this checkout
runner::Scenario example_world();    // tests/schema/example_world.yaml

} // namespace ringside::test
