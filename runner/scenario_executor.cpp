#include "runner/scenario_executor.hpp"

namespace ringside::runner {

ScenarioResult run_scenario(const Scenario& scenario, std::uint64_t seed) {
    sim::WorldConfig config = scenario.world;
    config.seed = seed;
    config.cloud.seed = seed;
    sim::VirtualSpeaker world(std::move(config));

    ScenarioResult result;
    result.name = scenario.name;
    result.file = scenario.where.file;
    result.seed = seed;
    for (std::size_t i = 0; i < scenario.steps.size(); ++i) {
        const Step& step = scenario.steps[i];
        const Millis started = world.now();
        std::string message = step.play(world);
        result.steps.push_back({started, world.now(), step.text, step.where.line, message.empty()});
        if (!message.empty()) {
            result.failure = StepFailure{i + 1, step.where, step.text, std::move(message), world.now()};
            break;
        }
    }
    result.virtual_end = world.now();
    result.events = world.events_processed();
    result.trace = world.trace();
    result.journal = world.cloud().journal();
    return result;
}

} // namespace ringside::runner
