#include "cli/demo_window.hpp"

#include <memory>
#include <stdexcept>

#include "cli/demo_cloud.hpp"
#include "cli/demo_frames.hpp"
#include "cli/demo_modes.hpp"
#include "runner/run_options.hpp"
#include "runner/scenario_error.hpp"
#include "runner/scenario_loader.hpp"
#include "sim/issuer/scope_warning.hpp"

namespace ringside::cli {

int run_demo_window(const DemoOptions& options, std::ostream& out, std::ostream& err) {
    std::optional<runner::Scenario> scenario;
    std::unique_ptr<DemoCloud> cloud;
    try {
        if (!options.scenario.empty()) scenario = runner::load_scenario(options.scenario);
        cloud = make_demo_cloud(options);
    } catch (const runner::ScenarioError& e) {
        err << "error: " << e.what() << "\n";
        return 2;
    } catch (const runner::UsageError& e) {
        err << "error: " << e.what() << "\n";
        return 2;
    } catch (const std::runtime_error& e) {
        err << "error: " << e.what() << "\n";
        return 2;
    }
    out << cloud->describe() << std::endl;
    // Before the window opens and a code is shown: a scope the server does not list.
    if (!cloud->external_issuer().empty()) err << sim::scope_warning(options.issuer) << std::flush;
    const std::string title = "Ringside demo - " + (scenario ? scenario->name : std::string("a fresh speaker"));
    std::unique_ptr<DemoFrames> frames;
    try {
        frames = std::make_unique<DemoFrames>(options, *cloud, title, !scenario, out);
    } catch (const std::runtime_error& e) {
        err << "error: " << e.what() << "\n";
        return 2;
    }
    int code = 0;
    try {
        code = scenario ? play_scenario(options, std::move(*scenario), *cloud, *frames, out, err)
                        : free_run(options, *cloud, *frames, out);
    } catch (const std::runtime_error& e) {
        // The cloud lost, a font gone: not the firmware's verdict.
        err << "error: " << e.what() << "\n";
        code = 2;
    }
    err << frames->stats() << " renderer=" << frames->window().renderer_name() << std::endl;
    return code;
}

} // namespace ringside::cli
