#include "runner/steps/steps.hpp"

#include "firmware/buttons/button_names.hpp"

namespace ringside::runner {

const StepCatalog& step_catalog() {
    static const StepCatalog catalog = [] {
        StepCatalog c;
        add_device_steps(c);
        add_app_steps(c);
        add_sign_in_steps(c);
        add_cloud_steps(c);
        add_expect_steps(c);
        add_request_steps(c);
        add_voice_steps(c);
        add_setup_steps(c);
        add_network_steps(c);
        add_auth_steps(c);
        add_fleet_steps(c);
        return c;
    }();
    return catalog;
}

void require_no_args(const ScenarioNode& args) {
    if (args.is_map() || args.is_sequence() || !args.str().empty()) args.fail(args.context() + " takes no arguments");
}

hal::Button parse_button(const ScenarioNode& node) {
    hal::Button button{};
    const std::string name = node.str();
    if (!fw::parse(name, button))
        node.fail("unknown button '" + name + "'; expected one of: action, mic_mute, volume_up, volume_down");
    return button;
}

} // namespace ringside::runner
