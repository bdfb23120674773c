#include "runner/scenario_executor.hpp"

#include <algorithm>
#include <memory>

#include "runner/properties/property_monitor.hpp"
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

// The run failed during step `i` (past the last: after the steps) for a reason of the
// world's, not a step's: a broken property, a world that stopped advancing.
void broken(ScenarioResult& result, const Scenario& scenario, std::size_t i, std::string message,
            const sim::VirtualSpeaker& world, std::optional<Millis> at = std::nullopt) {
    const bool in_step = i < scenario.steps.size();
    const std::size_t step = in_step ? i : scenario.steps.size() - 1;
    result.failure = StepFailure{step + 1, scenario.steps[step].where,
                                 in_step ? scenario.steps[step].text : std::string("(after the last step)"),
                                 std::move(message), at.value_or(world.now())};
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
    std::unique_ptr<PropertyMonitor> monitor;  // declared after the world: gone before it
    try {
        made = std::make_unique<sim::VirtualSpeaker>(std::move(config), makers.cloud, makers.device);
        sim::VirtualSpeaker& world = *made;
        if (!scenario.properties.empty()) monitor = std::make_unique<PropertyMonitor>(world, scenario.properties);
        Millis faults_end{0};
        for (const TimedStep& timed : scenario.schedule) {
            faults_end = std::max(faults_end, timed.at);
            world.at(timed.at, [&world, &timed, &result] {
                std::string message = timed.step.play(world);
                if (!message.empty())
                    result.advisories.push_back({0, timed.step.where, timed.step.text, std::move(message), world.now()});
            });
        }
        if (watch.started) watch.started(world);
        try {
            for (; i < scenario.steps.size(); ++i) {
                const Step& step = scenario.steps[i];
                const Millis started = world.now();
                std::string message = step.play(world);
                result.steps.push_back({started, world.now(), step.text, step.where.line, message.empty()});
                if (!message.empty()) {
                    StepFailure failure{i + 1, step.where, step.text, std::move(message), world.now()};
                    if (!scenario.advisory.value_or(false)) {
                        result.failure = std::move(failure);
                        break;
                    }
                    result.advisories.push_back(std::move(failure));
                }
                if (monitor && monitor->violation()) break;
            }
            if (monitor && !result.failure && !monitor->violation()) monitor->finish(faults_end);
        } catch (const sim::WorldStalled& e) {
            if (monitor) monitor->stalled(e.what());
            if (!monitor || !monitor->violation()) broken(result, scenario, i, e.what(), world);
        }
        if (monitor && monitor->violation() && !result.failure) {
            result.violation = *monitor->violation();
            broken(result, scenario, i, "property " + to_string(result.violation->property) + " broken: " +
                                            result.violation->message, world, result.violation->at);
        }
        monitor.reset();
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
        if (made->speaker_count() > 1) result.sign_in_times = made->sign_in_times();
    }
    return result;
}

} // namespace ringside::runner
