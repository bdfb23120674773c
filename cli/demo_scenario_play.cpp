#include <algorithm>
#include <chrono>
#include <optional>

#include "cli/demo_modes.hpp"
#include "runner/run_command.hpp"
#include "runner/run_options.hpp"
#include "runner/scenario_executor.hpp"

namespace ringside::cli {
namespace {

using std::chrono::microseconds;

// A world that falls this far behind its wall deadline (a slow exchange, a burst of events)
// is re-anchored: the demo goes on from where it stands instead of rushing to catch up.
constexpr std::chrono::milliseconds kMaxLag{250};
// How long the end of a scenario stays on screen before the demo exits by itself.
constexpr std::chrono::seconds kVerdictShown{5};

std::string step_line(const runner::Scenario& s, std::size_t i) {
    return std::to_string(i + 1) + "/" + std::to_string(s.steps.size()) + "  " + s.steps[i].text;
}

} // namespace

int play_scenario(const DemoOptions& options, runner::Scenario scenario, DemoCloud& cloud, DemoFrames& frames,
                  std::ostream& out, std::ostream& err) {
    const std::uint64_t seed = options.seed.value_or(scenario.seed);
    // Which step plays, for the panel: each step's play is wrapped, the world is not touched.
    std::size_t current = 0;
    for (std::size_t i = 0; i < scenario.steps.size(); ++i) {
        runner::StepPlay inner = std::move(scenario.steps[i].play);
        scenario.steps[i].play = [&current, i, inner = std::move(inner)](sim::VirtualSpeaker& w) {
            current = i;
            return inner(w);
        };
    }
    const auto lines = [&](const std::string& verdict) {
        return std::vector<demo::PanelLine>{{"scenario", scenario.name},
                                            {"step", scenario.steps.empty() ? "" : step_line(scenario, current)},
                                            {"result", verdict}};
    };
    frames.set_extra_lines(lines("playing"));

    // Called for each frame instant as the executor moves virtual time past it; the world
    // stands at `at`. Draws at most one frame per frame period and holds the instant until
    // its wall deadline (forever while paused), handling keys all the while.
    sim::VirtualSpeaker* playing = nullptr;
    const auto sampler = [&](microseconds at) {
        for (;;) {
            if (frames.out_of_time()) throw DemoClosed{};
            if (frames.frame_due()) {
                frames.set_extra_lines(lines("playing"));
                frames.frame(*playing, at);
            }
            const auto due = frames.pace().wall_at(at);
            const auto wall = frames.wall();
            if (due && *due <= wall) {
                if (wall - *due > kMaxLag) frames.pace().anchor(wall, at);
                return;
            }
            const Clock::time_point deadline =
                due ? std::min(frames.next_frame(), Clock::now() + std::chrono::duration_cast<Clock::duration>(*due - wall))
                    : frames.next_frame();
            for (const demo::DemoInput& in : frames.window().wait(deadline)) {
                if (in.kind == demo::DemoInput::Kind::Quit) throw DemoClosed{};
                frames.time_control(in, at);
            }
        }
    };
    std::optional<demo::DemoPicture> last;
    runner::WorldWatch watch;
    watch.started = [&](sim::VirtualSpeaker& world) {
        playing = &world;
        frames.watch(world);
        world.sample_every(frames.frame_period(), sampler);
    };
    watch.finished = [&](sim::VirtualSpeaker& world) {
        world.flush_samples();
        world.sample_every(microseconds(0), nullptr);
        frames.frame(world, microseconds(world.now()));  // the end as it stands, on screen and on the terminal
        last = frames.picture(world, world.now());
    };
    runner::WorldMakers makers;
    makers.cloud = cloud.factory();
    runner::ScenarioResult result;
    try {
        result = runner::run_scenario(scenario, seed, makers, watch);
    } catch (const DemoClosed&) {
        return 0;
    }

    std::string verdict = "passed";
    if (!result.passed()) {
        runner::RunOptions how;
        err << "FAIL  " << scenario.name << "\n" << runner::failure_text(how, result) << std::endl;
        verdict = "failed at step " + std::to_string(result.failure->step_number) + ": " + result.failure->message;
    } else {
        out << "PASS  " << scenario.name << std::endl;
    }
    const int code = result.passed() ? 0 : 1;
    if (!last) return code;
    // The end stays on screen a moment: the verdict in the panel, the ring as it was left.
    const auto until = Clock::now() + kVerdictShown;
    while (Clock::now() < until && !frames.out_of_time()) {
        for (const demo::DemoInput& in : frames.window().wait(std::min(until, frames.next_frame()))) {
            if (in.kind == demo::DemoInput::Kind::Quit) return code;
        }
        if (!frames.frame_due()) continue;
        demo::DemoPicture p = *last;
        for (demo::PanelLine& line : p.panel)
            if (line.label == "result") line.value = verdict;
        frames.frame(p);
    }
    return code;
}

} // namespace ringside::cli
