#pragma once
// What the demo window's two modes (a free-running speaker, a scenario playing) share:
// the window, the pacing of virtual time against the wall clock, the frame clock (at most
// `fps` frames a second, each drawn from the world as it stands), the --exit-after limit,
// the hold timer, and the terminal lines a person (or a test) reads: the verification URL
// to open, each change of device or auth state, and what the speaker said.
// Who may call: run_demo_window's modes, on the demo's thread.
#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/demo_cloud.hpp"
#include "cli/demo_options.hpp"
#include "sim/demo/window/demo_window.hpp"
#include "sim/demo/window/run_stats.hpp"
#include "sim/pacing/virtual_pace.hpp"
#include "sim/virtual_speaker.hpp"

namespace ringside::cli {

using Clock = std::chrono::steady_clock;

// Thrown from inside the world's time movement when the person closed the window (or
// --exit-after ran out) while a scenario plays: unwinds the scenario, exit 0.
struct DemoClosed {};

class DemoFrames {
public:
    DemoFrames(const DemoOptions& options, DemoCloud& cloud, const std::string& title, bool speaker_enabled,
               std::ostream& out);

    demo::DemoWindow& window() { return window_; }
    sim::VirtualPace& pace() { return pace_; }
    // The wall clock as the pace counts it (since the demo started).
    sim::VirtualPace::Wall wall() const { return Clock::now() - started_; }
    Clock::time_point next_frame() const { return next_frame_; }
    bool frame_due() const { return Clock::now() >= next_frame_; }
    // --exit-after ran out.
    bool out_of_time() const;
    // The frame period in virtual time at 1x: how often a scenario's world is sampled.
    std::chrono::microseconds frame_period() const { return period_; }

    // Starts watching `world` (its Action hold and its states); call once it is built.
    void watch(sim::VirtualSpeaker& world);
    // Applies a time control (pause, speed) with the world standing at `virtual_now`.
    void time_control(const demo::DemoInput& input, std::chrono::microseconds virtual_now);

    // Extra panel lines under the speaker's (a scenario's name and progress).
    void set_extra_lines(std::vector<demo::PanelLine> lines) { extra_ = std::move(lines); }
    // Draws the world as it stands at `at` (>= world.now()), if the picture changed; prints
    // what changed on the terminal; schedules the next frame.
    void frame(const sim::VirtualSpeaker& world, std::chrono::microseconds at);
    // The picture of `world` at `at` (also what a finished scenario keeps showing).
    demo::DemoPicture picture(const sim::VirtualSpeaker& world, std::chrono::milliseconds at) const;
    // Draws `picture` (a world that is gone) and schedules the next frame.
    void frame(const demo::DemoPicture& picture);

    // The stats line for the end of the run.
    std::string stats() const { return stats_.summary(window_.frames_presented()); }

private:
    void report(const sim::VirtualSpeaker& world, std::chrono::milliseconds at);
    void schedule_next();

    DemoCloud& cloud_;
    std::ostream& out_;
    bool speaker_enabled_;
    demo::DemoWindow window_;
    demo::RunStats stats_;
    Clock::time_point started_ = Clock::now();
    std::optional<Clock::time_point> end_;
    std::chrono::nanoseconds frame_wall_;
    std::chrono::microseconds period_;
    Clock::time_point next_frame_ = Clock::now();
    sim::VirtualPace pace_;
    std::vector<demo::PanelLine> extra_;
    std::optional<sim::Millis> action_down_at_;
    const sim::VirtualSpeaker* world_ = nullptr;
    std::string last_states_, last_code_;
    std::size_t said_ = 0;  // sentences of world_->spoken() already printed
};

} // namespace ringside::cli
