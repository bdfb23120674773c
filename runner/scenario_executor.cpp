#include "runner/scenario_executor.hpp"

#include <memory>

#include "sim/cloud_client/remote_cloud.hpp"

namespace ringside::runner {
namespace {

// A part of the world (the cloud, the board) stopped answering during step `i`.
void lost(ScenarioResult& result, const Scenario& scenario, std::size_t i, std::string message,
          const sim::VirtualSpeaker* world) {
    const bool in_step = i < scenario.steps.size();
    result.failure = StepFailure{in_step ? i + 1 : 0, in_step ? scenario.steps[i].where : scenario.where,
                                 in_step ? scenario.steps[i].text : std::string("(setting up the world)"),
                                 std::move(message), world ? world->now() : Millis(0)};
    result.lost = true;
}

} // namespace

ScenarioResult run_scenario(const Scenario& scenario, std::uint64_t seed, const WorldMakers& makers,
                            const WorldWatch& watch) {
    sim::WorldConfig config = scenario.world;
    config.seed = seed;
    config.cloud.seed = seed;

    ScenarioResult result;
    result.name = scenario.name;
    result.file = scenario.where.file;
    result.seed = seed;
    std::unique_ptr<sim::VirtualSpeaker> made;
    std::size_t i = 0;
    bool watched_to_the_end = false;
    const auto finish_watch = [&] {
        if (made && watch.finished && !watched_to_the_end) watch.finished(*made);
        watched_to_the_end = true;
    };
    try {
        made = std::make_unique<sim::VirtualSpeaker>(std::move(config), makers.cloud, makers.device);
        sim::VirtualSpeaker& world = *made;
        if (watch.started) watch.started(world);
        for (; i < scenario.steps.size(); ++i) {
            const Step& step = scenario.steps[i];
            const Millis started = world.now();
            std::string message = step.play(world);
            result.steps.push_back({started, world.now(), step.text, step.where.line, message.empty()});
            if (!message.empty()) {
                result.failure = StepFailure{i + 1, step.where, step.text, std::move(message), world.now()};
                break;
            }
        }
        finish_watch();
        result.journal = world.cloud().journal();
        result.secrets = world.secrets_used();
        // A password equal to a public name (the built-in account "demo", password "demo")
        // hides nothing: blacking it out would only blank the account's name everywhere.
        for (const cloud::Account& a : world.cloud().config().accounts) {
            result.secrets.erase(a.id);
            result.secrets.erase(a.email);
            if (!a.voice.voice_code.empty()) result.spoken_secrets.insert(a.voice.voice_code);
        }
        for (const sim::WifiNetwork& n : scenario.world.networks) result.secrets.erase(n.ssid);
    } catch (const cloud::CloudLost& e) {
        lost(result, scenario, i, std::string("lost the cloud: ") + e.what(), made.get());
    } catch (const sim::DeviceLost& e) {
        lost(result, scenario, i, std::string("lost the board: ") + e.what(), made.get());
    }
    if (result.lost) finish_watch();
    if (made) {
        result.virtual_end = made->now();
        result.events = made->events_processed();
        result.trace = made->trace();
    }
    return result;
}

} // namespace ringside::runner
