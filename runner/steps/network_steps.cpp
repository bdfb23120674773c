// Network conditions between the speaker's Wi-Fi and the cloud (sim/board/link_model.hpp).
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

// network: { down: true } | { up: true } | { congestion: none|low|medium|high }
// (down/up and congestion may be combined with a congestion level in one step).
void add_network_steps(StepCatalog& catalog) {
    catalog["network"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        std::optional<bool> down;
        std::optional<sim::Congestion> congestion;
        if (!a.is_map()) a.fail("network: expected a mapping like { down: true }, { up: true } or { congestion: high }");
        if (auto n = a.get("down")) down = read_true(*n);
        if (auto n = a.get("up")) {
            if (down) n->fail("network: give either down or up, not both");
            read_true(*n);
            down = false;
        }
        if (auto n = a.get("congestion")) {
            sim::Congestion level{};
            if (!sim::parse(n->str(), level))
                n->fail("unknown congestion '" + n->str() + "'; expected one of: none, low, medium, high");
            congestion = level;
        }
        a.done();
        if (!down && !congestion) a.fail("network: expected down: true, up: true or congestion: LEVEL");
        return [down, congestion](sim::VirtualSpeaker& w) -> std::string {
            if (down) w.link().set_down(*down);
            if (congestion) w.link().set_congestion(*congestion);
            return {};
        };
    };
}

} // namespace ringside::runner
