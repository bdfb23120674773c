#include "explore/explorer.hpp"

#include <algorithm>
#include <regex>

#include "common/prng.hpp"
#include "runner/scenario_loader.hpp"

namespace ringside::explore {
namespace {

using runner::Property;

bool breaks(const runner::ScenarioResult& r, Property p) { return r.violation && r.violation->property == p; }

runner::Scenario with_properties(runner::Scenario s, const std::vector<Property>& properties) {
    s.properties = properties;
    if (!s.advisory) s.advisory = true;  // faults may break the scenario's own expectations
    return s;
}

} // namespace

Subject prepare(runner::Scenario scenario, std::string text, const runner::WorldMakers& makers) {
    Subject subject;
    subject.text = std::move(text);
    std::vector<Property> properties = runner::all_properties();
    subject.scenario = with_properties(scenario, properties);
    subject.baseline = runner::run_scenario(subject.scenario, subject.scenario.seed, makers);
    if (breaks(subject.baseline, Property::Liveness)) {
        properties.erase(std::find(properties.begin(), properties.end(), Property::Liveness));
        subject.scenario = with_properties(std::move(scenario), properties);
        subject.baseline = runner::run_scenario(subject.scenario, subject.scenario.seed, makers);
    }
    subject.horizon = subject.baseline.virtual_end;
    return subject;
}

std::vector<ScheduledFault> schedule_of(const Subject& subject, std::uint64_t seed, int run,
                                        const std::vector<FaultKind>& kinds) {
    // Each run's own stream: the seed, the scenario's seed and the run number mixed.
    std::uint64_t state = seed ^ (subject.scenario.seed * 0x9E3779B97F4A7C15ull) ^ (static_cast<std::uint64_t>(run) << 32);
    return draw_schedule(common::splitmix64(state), kinds, subject.horizon);
}

runner::ScenarioResult play(const Subject& subject, const std::vector<ScheduledFault>& faults,
                            const runner::WorldMakers& makers) {
    runner::Scenario s = subject.scenario;
    s.schedule = runner::parse_schedule(schedule_yaml(faults), s);
    return runner::run_scenario(s, s.seed, makers);
}

std::uint8_t outcome_code(const runner::ScenarioResult& result) {
    return result.violation ? static_cast<std::uint8_t>(1 + static_cast<int>(result.violation->property)) : 0;
}

Shrunk shrink(std::vector<ScheduledFault> faults, const Breaks& breaks, int budget) {
    Shrunk out;
    const auto keeps_it_broken = [&](const std::vector<ScheduledFault>& candidate) {
        if (out.runs >= budget) return false;
        ++out.runs;
        return breaks(candidate);
    };
    for (bool changed = true; changed && out.runs < budget;) {
        changed = false;
        for (std::size_t i = 0; i < faults.size();) {  // fewer
            std::vector<ScheduledFault> candidate = faults;
            candidate.erase(candidate.begin() + static_cast<std::ptrdiff_t>(i));
            if (keeps_it_broken(candidate)) {
                faults = std::move(candidate);
                changed = true;
            } else {
                ++i;
            }
        }
        for (std::size_t i = 0; i < faults.size(); ++i) {  // simpler, one change at a time
            for (const ScheduledFault& simpler_fault : simpler(faults[i])) {
                std::vector<ScheduledFault> candidate = faults;
                candidate[i] = simpler_fault;
                if (keeps_it_broken(candidate)) {
                    faults = std::move(candidate);
                    changed = true;
                    break;
                }
            }
        }
    }
    out.faults = std::move(faults);
    return out;
}

std::string repro_file(const Subject& subject, const std::vector<ScheduledFault>& faults, Property property,
                       const std::string& message, const std::string& found_by) {
    const runner::Scenario& s = subject.scenario;
    std::string text = subject.text;
    // The original's name, marked, so reports tell the repro from the scenario it came from.
    static const std::regex name_line(R"(^name:[^\n]*)", std::regex::multiline);
    std::string name = s.name;
    std::replace(name.begin(), name.end(), '"', '\'');
    std::replace(name.begin(), name.end(), '\\', '/');
    text = std::regex_replace(text, name_line, "name: \"" + name + " [explored: " + runner::to_string(property) + "]\"",
                              std::regex_constants::format_first_only);
    if (!text.empty() && text.back() != '\n') text += '\n';
    std::string head = "# " + found_by + "\n# Property " + runner::to_string(property) + " broken: " +
                       message + "\n";
    text = head + text;
    text += "\n# Added by ringside explore: the faults (shrunk), the property they break, the scenario's own\n"
            "# expectations advisory (faults may break them; the property is the verdict).\n";
    if (text.find("\nexpectations:") == std::string::npos) text += "expectations: advisory\n";
    text += "properties: [" + runner::to_string(property) + "]\n";
    if (s.world.plant != sim::PlantedDefect::None && text.find("\nplant:") == std::string::npos)
        text += "plant: " + std::string(sim::to_string(s.world.plant)) + "\n";
    if (s.sim_only.empty() && needs_virtual_flash(faults))
        text += "sim_only: cuts power at a flash operation, which only the virtual flash can time\n";
    text += "schedule:\n" + schedule_yaml(faults);
    return text;
}

} // namespace ringside::explore
