// Network conditions between the speaker's Wi-Fi and the cloud (sim/board/link_model.hpp), and
// the Wi-Fi access points themselves.
#include "runner/steps/steps.hpp"
#include "sim/board/link_model.hpp"

namespace ringside::runner {
namespace {

bool read_true(const ScenarioNode& node) {
    const std::string v = node.str();
    if (v != "true") node.fail("expected 'true' for " + node.context() + ", got '" + v + "'");
    return true;
}

} // namespace

// network: { down: true } | { up: true } | { unreachable: true|false }
//        | { congestion: none|low|medium|high }  (keys may be combined in one step).
// down: messages vanish silently (only timeouts notice); unreachable: the uplink answers
// "no route" at once (every request fails immediately with no_network).
void add_network_steps(StepCatalog& catalog) {
    catalog["network"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        std::optional<bool> down, unreachable;
        std::optional<sim::Congestion> congestion;
        if (!a.is_map()) a.fail("network: expected a mapping like { down: true }, { up: true } or { congestion: high }");
        if (auto n = a.get("down")) down = read_true(*n);
        if (auto n = a.get("up")) {
            if (down) n->fail("network: give either down or up, not both");
            read_true(*n);
            down = false;
        }
        if (auto n = a.get("unreachable")) unreachable = n->boolean();
        if (auto n = a.get("congestion")) {
            sim::Congestion level{};
            if (!sim::parse(n->str(), level))
                n->fail("unknown congestion '" + n->str() + "'; expected one of: none, low, medium, high");
            congestion = level;
        }
        a.done();
        if (!down && !congestion && !unreachable)
            a.fail("network: expected down: true, up: true, unreachable: true|false or congestion: LEVEL");
        return [down, unreachable, congestion](sim::VirtualSpeaker& w) -> std::string {
            if (down) w.link().set_down(*down);
            if (unreachable) w.set_internet_up(!*unreachable);
            if (congestion) w.link().set_congestion(*congestion);
            return {};
        };
    };
    // wifi: lost | back — the home's access points go off or out of range, and come back:
    // the radio loses its association (the firmware hears it and joins again), where
    // `network: { down: true }` keeps the radio associated and only loses messages.
    catalog["wifi"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        const std::string v = a.is_scalar() ? a.str() : std::string();
        if (v != "lost" && v != "back") a.fail("wifi: expected 'lost' (the access points go away) or 'back'");
        const bool on = v == "back";
        return [on](sim::VirtualSpeaker& w) -> std::string {
            w.set_access_points_on(on);
            return {};
        };
    };
}

} // namespace ringside::runner
