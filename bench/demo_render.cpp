// How fast the demo draws: the median time to render one 800x600 frame of the ring and its
// panel offscreen (SDL's software renderer, demo::OffscreenScene), as frames/s, and what the
// headless demo adds per frame (a PNG file, an APNG frame). The ring animates from frame
// to frame like setup's spinning arc and the panel's clock ticks, so caches do not hide the
// work. Usage: ringside_bench_demo_render [FRAMES]   (default 300)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/demo/apng_writer.hpp"
#include "sim/demo/offscreen_scene.hpp"
#include "sim/demo/png_file.hpp"
#include "sim/text/timestamp.hpp"

using namespace ringside;
using Clock = std::chrono::steady_clock;

namespace {

double median_ms(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

hal::RingFrame spinning(int i) {
    hal::RingFrame f{};
    const unsigned tail[] = {255, 150, 70, 25};
    for (int k = 0; k < 4; ++k) {
        const std::size_t led = static_cast<std::size_t>(i + 12 * 4 - k) % hal::kLedCount;
        f[led] = {static_cast<std::uint8_t>(255 * tail[k] / 255), static_cast<std::uint8_t>(100 * tail[k] / 255), 0};
    }
    return f;
}

} // namespace

int main(int argc, char** argv) {
    const int frames = argc > 1 ? std::max(10, std::atoi(argv[1])) : 300;
    demo::OffscreenScene scene(demo::kDefaultWidth, demo::kDefaultHeight);
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "ringside-bench-demo-render";
    std::filesystem::create_directories(dir);
    demo::ApngWriter apng((dir / "run.apng").string(), demo::kDefaultWidth, demo::kDefaultHeight, 10);
    std::vector<double> render, png, apng_add;
    for (int i = 0; i < frames; ++i) {
        const std::vector<demo::PanelLine> lines{{"device", "setup"}, {"auth", "unlinked"}, {"ring", "setup"},
                                                 {"user code", ""}, {"verify at", ""}, {"token expires in", ""},
                                                 {"virtual time", text::format_timestamp(std::chrono::milliseconds(i * 100))}};
        const auto t0 = Clock::now();
        const demo::RgbImage& image = scene.render(spinning(i), lines);
        const auto t1 = Clock::now();
        demo::write_png((dir / "frame.png").string(), image);
        const auto t2 = Clock::now();
        apng.add(image);
        const auto t3 = Clock::now();
        render.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        png.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
        apng_add.push_back(std::chrono::duration<double, std::milli>(t3 - t2).count());
    }
    apng.finish();
    std::filesystem::remove_all(dir);
    const double r = median_ms(render), p = median_ms(png), a = median_ms(apng_add);
    std::printf("demo render, %dx%d, %d frames (medians)\n", demo::kDefaultWidth, demo::kDefaultHeight, frames);
    std::printf("  render offscreen   %7.2f ms/frame  %7.1f frames/s\n", r, 1000.0 / r);
    std::printf("  + PNG file         %7.2f ms/frame\n", p);
    std::printf("  + APNG frame       %7.2f ms/frame\n", a);
    std::printf("  headless total     %7.2f ms/frame  %7.1f frames/s\n", r + p + a, 1000.0 / (r + p + a));
    return 0;
}
