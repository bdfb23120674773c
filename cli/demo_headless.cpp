#include "cli/demo_headless.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <regex>
#include <stdexcept>

#include "runner/run_command.hpp"
#include "runner/scenario_error.hpp"
#include "runner/scenario_executor.hpp"
#include "runner/scenario_loader.hpp"
#include "sim/demo/apng_writer.hpp"
#include "sim/demo/offscreen_scene.hpp"
#include "sim/demo/panel_lines.hpp"
#include "sim/demo/png_file.hpp"
#include "sim/text/timestamp.hpp"

namespace ringside::cli {
namespace fs = std::filesystem;
namespace {

using Micros = std::chrono::microseconds;

// The panel lines that are clocks: they tick without anything happening, so a still is
// recognised without them.
bool is_clock(const demo::PanelLine& line) { return line.label == "virtual time" || line.label == "token expires in"; }

// What a frame shows but its clocks: two samples with the same look are the same still.
struct Look {
    hal::RingFrame ring{};
    std::vector<std::string> values;

    bool operator==(const Look& o) const { return ring == o.ring && values == o.values; }
};

Look look_of(const hal::RingFrame& ring, const std::vector<demo::PanelLine>& lines) {
    Look look{ring, {}};
    for (const auto& line : lines)
        if (!is_clock(line)) look.values.push_back(line.label + "=" + line.value);
    return look;
}

std::string frame_name(int index) {
    char name[32];
    std::snprintf(name, sizeof name, "frame-%05d.png", index);
    return name;
}

// Decides which samples become frames (the rules in demo_headless.hpp) and writes them.
class Film {
public:
    Film(const fs::path& dir, int fps, int max_frames)
        : dir_(dir), scene_(demo::kDefaultWidth, demo::kDefaultHeight), hold_(fps), max_frames_(max_frames),
          apng_((dir / "run.apng").string(), demo::kDefaultWidth, demo::kDefaultHeight, fps) {}

    void offer(const sim::VirtualSpeaker& world, Micros at) {
        if (capped_at_) return;
        const auto at_ms = std::chrono::duration_cast<std::chrono::milliseconds>(at);
        Sample s{world.leds(), demo::speaker_panel(world, at_ms), at_ms};
        const Look look = look_of(s.ring, s.lines);
        same_run_ = previous_ && look == *previous_ ? same_run_ + 1 : 0;
        previous_ = look;
        if (same_run_ > hold_) {
            held_ = std::move(s);  // drawn only if it turns out to be the last sample
            ++skipped_;
            return;
        }
        held_.reset();
        draw(s);
    }

    // After the last sample: the final state, if it was skipped as part of a still.
    void end() {
        if (held_ && !capped_at_) {
            --skipped_;
            draw(*held_);
        }
        held_.reset();
        apng_.finish();
    }

    int frames() const { return frames_; }
    int skipped() const { return skipped_; }
    const std::optional<std::chrono::milliseconds>& capped_at() const { return capped_at_; }

private:
    struct Sample {
        hal::RingFrame ring;
        std::vector<demo::PanelLine> lines;
        std::chrono::milliseconds at;
    };

    void draw(const Sample& s) {
        if (frames_ >= max_frames_) {
            capped_at_ = s.at;
            return;
        }
        const demo::RgbImage& image = scene_.render(s.ring, s.lines);
        demo::write_png((dir_ / frame_name(frames_)).string(), image);
        apng_.add(image);
        ++frames_;
    }

    fs::path dir_;
    demo::OffscreenScene scene_;
    int hold_;
    int max_frames_;
    demo::ApngWriter apng_;
    int frames_ = 0, skipped_ = 0, same_run_ = 0;
    std::optional<Look> previous_;
    std::optional<Sample> held_;
    std::optional<std::chrono::milliseconds> capped_at_;
};

// Frames and the animation of an earlier run would mix with this run's: removed first.
void clear_earlier_film(const fs::path& dir) {
    static const std::regex kFrame("frame-[0-9]{5,}\\.png");
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.is_regular_file() && std::regex_match(entry.path().filename().string(), kFrame)) fs::remove(entry.path());
    fs::remove(dir / "run.apng");
}

void print_verdict(std::ostream& out, const runner::ScenarioResult& r) {
    out << (r.passed() ? "PASS  " : "FAIL  ") << r.name << "  " << r.file << "  (virtual "
        << text::format_timestamp(r.virtual_end) << ")\n";
    if (r.passed()) return;
    runner::write_indented(out, runner::failure_text(runner::RunOptions{}, r));
}

} // namespace

int headless_demo(const DemoOptions& o, std::ostream& out, std::ostream& err) {
    std::error_code ec;
    if (!fs::is_regular_file(o.scenario, ec)) {
        err << "error: no such scenario file: " << o.scenario << "\n";
        return 2;
    }
    runner::Scenario scenario;
    try {
        scenario = runner::load_scenario(o.scenario);
    } catch (const runner::ScenarioError& e) {
        err << "error: " << e.what() << "\n";
        return 2;
    }
    const int fps = o.fps ? o.fps : kHeadlessDefaultFps;
    const int max_frames = o.max_frames ? o.max_frames : kHeadlessDefaultMaxFrames;
    // speed virtual seconds per animation second, fps frames per animation second.
    const Micros period(std::max<long long>(1, std::llround(o.speed * 1e6 / fps)));
    if (period < kFinestFramePeriod) {
        // Finer frames would show nothing new, and an hour of virtual time would cost hours.
        char text[64];
        std::snprintf(text, sizeof text, "%.3f", period.count() / 1000.0);
        err << "error: --speed " << o.speed << " at " << fps << " fps takes a frame every " << text
            << " ms of virtual time; an LED ring refreshes about every 33 ms, so at least 10 ms: raise --speed or "
               "lower --fps\n";
        return 2;
    }
    const fs::path dir(o.out_dir);
    try {
        fs::create_directories(dir);
        clear_earlier_film(dir);
    } catch (const fs::filesystem_error& e) {
        err << "error: cannot use " << o.out_dir << " for the frames: " << e.code().message() << "\n";
        return 2;
    }

    try {
        Film film(dir, fps, max_frames);
        runner::WorldWatch watch;
        watch.started = [&](sim::VirtualSpeaker& world) {
            world.sample_every(period, [&film, &world](Micros at) { film.offer(world, at); });
        };
        watch.finished = [&](sim::VirtualSpeaker& world) {
            world.flush_samples();
            world.sample_every(Micros(0), nullptr);
        };
        const std::uint64_t seed = o.seed ? *o.seed : scenario.seed;
        const runner::ScenarioResult result = runner::run_scenario(scenario, seed, {}, watch);
        film.end();

        out << "wrote " << film.frames() << " frame(s) to " << o.out_dir << " (" << frame_name(0);
        if (film.frames() > 1) out << " .. " << frame_name(film.frames() - 1);
        out << ") and run.apng at " << fps << " fps, " << o.speed << " virtual s per animation s";
        if (film.skipped()) out << "; " << film.skipped() << " still frame(s) skipped";
        out << "\n";
        if (film.capped_at())
            out << "frame cap of " << max_frames << " reached at virtual " << text::format_timestamp(*film.capped_at())
                << ": the rest was played but not drawn (raise --speed or --max-frames)\n";
        print_verdict(out, result);
        return result.passed() ? 0 : 1;
    } catch (const std::runtime_error& e) {  // the font, SDL, a file that cannot be written
        err << "error: " << e.what() << "\n";
        return 2;
    }
}

} // namespace ringside::cli
