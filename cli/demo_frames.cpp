#include "cli/demo_frames.hpp"

#include <cstdio>

#include "firmware/buttons/action_button.hpp"
#include "firmware/core/states.hpp"
#include "sim/text/timestamp.hpp"

namespace ringside::cli {
namespace {

constexpr int kDefaultFps = 60;

std::string speed_text(double speed) {
    char text[32];
    std::snprintf(text, sizeof text, speed == static_cast<long long>(speed) ? "%.0fx" : "%.2fx", speed);
    return text;
}

std::string seconds_text(std::chrono::milliseconds t) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f s", t.count() / 1000.0);
    return text;
}

} // namespace

DemoFrames::DemoFrames(const DemoOptions& options, DemoCloud& cloud, const std::string& title, bool speaker_enabled,
                       std::ostream& out)
    : cloud_(cloud),
      out_(out),
      speaker_enabled_(speaker_enabled),
      window_(title, speaker_enabled),
      frame_wall_(std::chrono::nanoseconds(1'000'000'000 / (options.fps > 0 ? options.fps : kDefaultFps))),
      period_(std::chrono::duration_cast<std::chrono::microseconds>(frame_wall_)),
      pace_(options.speed, sim::VirtualPace::Wall(0), std::chrono::microseconds(0)) {
    if (options.exit_after_s > 0)
        end_ = started_ + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.exit_after_s));
}

bool DemoFrames::out_of_time() const { return end_ && Clock::now() >= *end_; }

void DemoFrames::watch(sim::VirtualSpeaker& world) {
    world_ = &world;
    pace_.anchor(wall(), std::chrono::microseconds(world.now()));
    // The hold timer counts virtual time from the edge the firmware saw, so it shows a
    // scenario's `hold:` as faithfully as a person's key.
    world.observe_events([this](const fw::Event& e) {
        if (e.button != hal::Button::Action) return;
        if (e.type == fw::EventType::ButtonDown) action_down_at_ = world_->now();
        if (e.type == fw::EventType::ButtonUp) action_down_at_.reset();
    });
}

void DemoFrames::time_control(const demo::DemoInput& input, std::chrono::microseconds virtual_now) {
    if (input.kind == demo::DemoInput::Kind::TogglePause) pace_.set_paused(!pace_.paused(), wall(), virtual_now);
    if (input.kind == demo::DemoInput::Kind::Speed) {
        pace_.set_speed(input.speed, wall(), virtual_now);
        pace_.set_paused(false, wall(), virtual_now);
    }
}

demo::DemoPicture DemoFrames::picture(const sim::VirtualSpeaker& world, std::chrono::milliseconds at) const {
    demo::DemoPicture p;
    p.leds = world.leds();
    p.panel = demo::speaker_panel(world, at);
    for (demo::PanelLine& line : p.panel)
        if (line.label == "verify at") line.value = cloud_.browser_url(line.value);
    p.panel.push_back({"speed", pace_.paused() ? "paused (Space resumes)" : speed_text(pace_.speed())});
    p.panel.insert(p.panel.end(), extra_.begin(), extra_.end());
    if (action_down_at_) {
        const auto held = at - *action_down_at_;
        p.action_hold = static_cast<double>(held.count()) / fw::kFactoryResetHold.count();
        p.panel.push_back({"action held", seconds_text(held) + " of " + seconds_text(fw::kFactoryResetHold) +
                                              (held >= fw::kFactoryResetHold ? ": factory reset" : " to factory reset")});
    }
    if (!world.spoken().empty()) p.panel.push_back({"speaker said", world.spoken().back().text});
    const demo::InputDecoder& input = window_.input();
    p.held = input.held();
    p.speaker_enabled = speaker_enabled_;
    p.paused = pace_.paused();
    p.speed = pace_.speed();
    p.typing = input.typing();
    p.typed = input.typed();
    p.hint = demo::key_hint(!p.speaker_enabled);
    if (p.speaker_enabled && !cloud_.external_issuer().empty())
        p.notes = {"To sign in: open the 'verify at' URL", "in a browser, enter the user code", "and sign in on that server's page:",
                   "the ring goes from orange to linked."};
    else if (p.speaker_enabled)
        p.notes = {"To sign in: open the 'verify at' URL", "in a browser, enter the user code,",
                   "sign in as demo@example.com with", "password demo and press Allow: the", "ring goes from orange to linked."};
    else
        p.notes = {"A scenario drives the speaker: its", "buttons and speech are its own.", "Watch it, pause it, speed it up."};
    return p;
}

void DemoFrames::report(const sim::VirtualSpeaker& world, std::chrono::milliseconds at) {
    const std::string states = "device=" + std::string(fw::to_string(world.device_state())) +
                               " auth=" + std::string(fw::to_string(world.auth_state()));
    if (states != last_states_) {
        out_ << "at " << text::format_timestamp(at) << ": " << states << std::endl;
        last_states_ = states;
    }
    const std::string code = world.user_code();
    if (!code.empty() && code != last_code_) {
        // What the speaker shows, for a person at the terminal: the page with the code filled in.
        out_ << "verify: open " << cloud_.browser_url(world.verification_uri()) << "?user_code=" << code
             << (speaker_enabled_ && cloud_.external_issuer().empty() ? " and sign in as demo@example.com" : "")
             << std::endl;
    }
    last_code_ = code;
    for (; said_ < world.spoken().size(); ++said_) out_ << "speaker: " << world.spoken()[said_].text << std::endl;
}

void DemoFrames::schedule_next() {
    const auto now = Clock::now();
    next_frame_ += frame_wall_;
    // Behind by more than a frame (a slow step): drop the missed frames rather than rush.
    if (next_frame_ < now) next_frame_ = now + frame_wall_;
}

void DemoFrames::frame(const sim::VirtualSpeaker& world, std::chrono::microseconds at) {
    const auto at_ms = std::chrono::duration_cast<std::chrono::milliseconds>(at);
    report(world, at_ms);
    window_.show(picture(world, at_ms));
    schedule_next();
}

void DemoFrames::frame(const demo::DemoPicture& picture) {
    demo::DemoPicture p = picture;
    const demo::InputDecoder& input = window_.input();
    p.paused = pace_.paused();
    p.speed = pace_.speed();
    p.typing = input.typing();
    p.typed = input.typed();
    window_.show(p);
    schedule_next();
}

} // namespace ringside::cli
