// Power, buttons and the passing of time.
#include "runner/steps/steps.hpp"

namespace ringside::runner {

void add_device_steps(StepCatalog& c) {
    c["power_on"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        require_no_args(a);
        return [](sim::VirtualSpeaker& w) { w.power_on(); return std::string(); };
    };
    c["power_off"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        require_no_args(a);
        return [](sim::VirtualSpeaker& w) { w.power_off(); return std::string(); };
    };
    // press: action | press: { button: action }; the same for release.
    const auto edge = [](bool down) {
        return [down](ScenarioNode& a, const Scenario&) -> StepPlay {
            hal::Button button{};
            if (a.is_scalar()) {
                button = parse_button(a);
            } else {
                button = parse_button(a.require("button"));
                a.done();
            }
            return [down, button](sim::VirtualSpeaker& w) {
                down ? w.press(button) : w.release(button);
                return std::string();
            };
        };
    };
    c["press"] = edge(true);
    c["release"] = edge(false);
    c["hold"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        const hal::Button button = parse_button(a.require("button"));
        const Millis duration = a.require("for").duration();
        a.done();
        return [button, duration](sim::VirtualSpeaker& w) {
            w.press(button);
            w.advance(duration);
            w.release(button);
            return std::string();
        };
    };
    // device.reflash: { client_id: X }: while off, a firmware image with another factory
    // client id is flashed; stored credentials stay (a stale token store from another client).
    c["device.reflash"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        const std::string client_id = a.require("client_id").str();
        a.done();
        return [client_id](sim::VirtualSpeaker& w) -> std::string {
            if (!w.reflash_client_id(client_id)) return "device.reflash needs the speaker powered off";
            return {};
        };
    };
    c["advance"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        const Millis duration = a.duration();
        return [duration](sim::VirtualSpeaker& w) { w.advance(duration); return std::string(); };
    };
}

} // namespace ringside::runner
