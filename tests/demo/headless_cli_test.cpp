// `ringside demo SCENARIO --headless --out DIR` as a user runs it: the real binary as a child
// process, with no display (DISPLAY and SDL_VIDEODRIVER unset). Its PNGs are decoded back
// with libpng and its APNG's chunks are parsed here, byte by byte.
#include <catch2/catch.hpp>

#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "runner/child_process.hpp"
#include "sim/demo/png_file.hpp"
#include "sim/demo/ring_geometry.hpp"

using ringside::test::read_file;
using ringside::test::run_ringside;
namespace fs = std::filesystem;
namespace demo = ringside::demo;

namespace {

constexpr const char* kFilm = "tests/data/demo/setup_then_sign_in.yaml";
// Every child of this suite runs as on a machine without a display.
const bool kNoDisplay = [] {
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"}) unsetenv(name);
    return true;
}();

fs::path fresh_dir(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("ringside-demo-test-" + std::to_string(getpid()) + "-" + name);
    fs::remove_all(dir);
    return dir;
}

std::vector<fs::path> frames_in(const fs::path& dir) {
    std::vector<fs::path> frames;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().filename().string().rfind("frame-", 0) == 0) frames.push_back(e.path());
    std::sort(frames.begin(), frames.end());
    return frames;
}

// A run of the test film: 4 frames per virtual second, every sample drawn (no still lasts).
ringside::test::ChildResult film(const fs::path& dir, const std::string& extra = "") {
    return run_ringside(std::string("demo ") + kFilm + " --headless --out '" + dir.string() + "' --fps 4" + extra);
}

std::uint32_t be32(const std::string& s, std::size_t at) {
    return (std::uint32_t(std::uint8_t(s[at])) << 24) | (std::uint32_t(std::uint8_t(s[at + 1])) << 16) |
           (std::uint32_t(std::uint8_t(s[at + 2])) << 8) | std::uint32_t(std::uint8_t(s[at + 3]));
}

std::uint32_t crc32_of(const std::string& s, std::size_t at, std::size_t n) {
    std::uint32_t c = 0xFFFFFFFFu;
    for (std::size_t i = at; i < at + n; ++i) {
        c ^= std::uint8_t(s[i]);
        for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return c ^ 0xFFFFFFFFu;
}

struct Chunk {
    std::string type;
    std::string data;
};

// Every chunk of a PNG file, each CRC checked.
std::vector<Chunk> chunks_of(const std::string& png) {
    REQUIRE(png.size() > 8);
    REQUIRE(png.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
    std::vector<Chunk> chunks;
    std::size_t at = 8;
    while (at + 12 <= png.size()) {
        const std::uint32_t n = be32(png, at);
        REQUIRE(at + 12 + n <= png.size());
        Chunk c{png.substr(at + 4, 4), png.substr(at + 8, n)};
        INFO("chunk " << c.type << " at byte " << at);
        CHECK(be32(png, at + 8 + n) == crc32_of(png, at + 4, n + 4));
        chunks.push_back(std::move(c));
        at += 12 + n;
    }
    CHECK(at == png.size());
    return chunks;
}

std::string inflated(const std::string& data) {
    std::string out(16 << 20, '\0');
    uLongf size = static_cast<uLongf>(out.size());
    REQUIRE(uncompress(reinterpret_cast<Bytef*>(&out[0]), &size, reinterpret_cast<const Bytef*>(data.data()),
                       static_cast<uLong>(data.size())) == Z_OK);
    out.resize(size);
    return out;
}

// Plays an APNG of 8-bit RGBA frames as a browser does (the spec's dispose NONE and blend
// SOURCE/OVER with alpha 0 or 255, filters None and Sub): every frame's canvas as RGB.
std::vector<std::vector<std::uint8_t>> play_apng(const std::vector<Chunk>& chunks, int width, int height) {
    std::vector<std::uint8_t> canvas(static_cast<std::size_t>(width) * height * 3, 0);
    std::vector<std::vector<std::uint8_t>> shown;
    std::uint32_t w = 0, h = 0, x = 0, y = 0;
    int blend = 0;
    std::size_t partly_transparent = 0;  // pixels a browser would blend: none are written
    for (const Chunk& c : chunks) {
        if (c.type == "fcTL") {
            w = be32(c.data, 4), h = be32(c.data, 8), x = be32(c.data, 12), y = be32(c.data, 16);
            REQUIRE(int(c.data[24]) == 0);  // dispose NONE
            blend = c.data[25];
            continue;
        }
        if (c.type != "IDAT" && c.type != "fdAT") continue;
        const std::string raw = inflated(c.type == "IDAT" ? c.data : c.data.substr(4));
        REQUIRE(raw.size() == std::size_t(h) * (1 + w * 4));
        for (std::uint32_t row = 0; row < h; ++row) {
            const char* line = &raw[row * (1 + w * 4)];
            const int filter = line[0];
            if (filter != 0 && filter != 1) FAIL("filter type " << filter << " in row " << row);
            std::vector<std::uint8_t> px(w * 4);
            for (std::uint32_t i = 0; i < w * 4; ++i)
                px[i] = std::uint8_t(std::uint8_t(line[1 + i]) + (filter == 1 && i >= 4 ? px[i - 4] : 0));
            for (std::uint32_t i = 0; i < w; ++i) {
                const std::uint8_t a = px[i * 4 + 3];
                if (a != 0 && a != 255) ++partly_transparent;
                if (blend == 1 && a == 0) continue;
                std::uint8_t* out = &canvas[((std::size_t(y) + row) * width + x + i) * 3];
                for (int k = 0; k < 3; ++k) out[k] = px[i * 4 + k];
            }
        }
        shown.push_back(canvas);
    }
    CHECK(partly_transparent == 0);
    return shown;
}

bool is_orange(ringside::hal::Rgb c) { return c.r > 200 && c.g > 60 && c.g < 150 && c.b < 50; }
bool is_dark(ringside::hal::Rgb c) { return std::max({c.r, c.g, c.b}) < 40; }

} // namespace

TEST_CASE("a headless run writes PNG frames that show the setup ring at the LED centres", "[demo][cli]") {
    const fs::path dir = fresh_dir("frames");
    const auto r = film(dir);
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.output, Catch::Contains("PASS  stays in setup for three seconds"));
    const auto frames = frames_in(dir);
    REQUIRE(frames.size() > 20);
    CHECK(frames.front().filename() == "frame-00000.png");
    CHECK_THAT(r.output, Catch::Contains("wrote " + std::to_string(frames.size()) + " frame(s)"));

    const demo::SceneLayout layout = demo::scene_layout(demo::kDefaultWidth, demo::kDefaultHeight);
    const demo::RingGeometry ring = demo::ring_geometry(layout.ring);
    // Setup lasts three virtual seconds here, 12 frames at 4 fps: at least one shows the
    // spinning arc, its head orange and most of the ring dark.
    int setup_frames = 0;
    for (const auto& path : frames) {
        const demo::RgbImage image = demo::read_png(path.string());
        REQUIRE(image.width == demo::kDefaultWidth);
        REQUIRE(image.height == demo::kDefaultHeight);
        int orange = 0, dark = 0;
        for (const auto& led : ring.leds) {
            const auto px = image.at(int(std::floor(led.x)), int(std::floor(led.y)));
            orange += is_orange(px) ? 1 : 0;
            dark += is_dark(px) ? 1 : 0;
        }
        if (orange == 1 && dark >= 7) ++setup_frames;
    }
    CHECK(setup_frames >= 6);
    // The first frame is the speaker booting: no LED is orange yet.
    const demo::RgbImage first = demo::read_png(frames.front().string());
    for (const auto& led : ring.leds) CHECK_FALSE(is_orange(first.at(int(led.x), int(led.y))));
    fs::remove_all(dir);
}

TEST_CASE("the run's APNG animates every frame: acTL, fcTL/fdAT in sequence, first frame as IDAT", "[demo][cli]") {
    const fs::path dir = fresh_dir("apng");
    const auto r = film(dir);
    REQUIRE(r.exit_code == 0);
    const auto frames = frames_in(dir);
    const std::string apng = read_file((dir / "run.apng").string());
    const auto chunks = chunks_of(apng);
    REQUIRE(chunks.size() >= 4);
    CHECK(chunks[0].type == "IHDR");
    CHECK(be32(chunks[0].data, 0) == std::uint32_t(demo::kDefaultWidth));
    CHECK(be32(chunks[0].data, 4) == std::uint32_t(demo::kDefaultHeight));
    CHECK(chunks[0].data.substr(8, 2) == std::string("\x08\x06", 2));  // 8-bit RGBA
    CHECK(chunks[1].type == "acTL");
    CHECK(be32(chunks[1].data, 0) == frames.size());  // num_frames
    CHECK(be32(chunks[1].data, 4) == 0);              // loops forever
    CHECK(chunks[2].type == "fcTL");
    CHECK(chunks[3].type == "IDAT");
    CHECK(chunks.back().type == "IEND");
    std::size_t fctl = 0, fdat = 0;
    std::uint32_t sequence = 0;
    for (const Chunk& c : chunks) {
        if (c.type != "fcTL" && c.type != "fdAT") continue;
        CHECK(be32(c.data, 0) == sequence++);
        if (c.type == "fcTL") {
            ++fctl;
            // The rectangle lies inside the canvas; the delay is 1/4 s.
            CHECK(be32(c.data, 4) + be32(c.data, 12) <= std::uint32_t(demo::kDefaultWidth));
            CHECK(be32(c.data, 8) + be32(c.data, 16) <= std::uint32_t(demo::kDefaultHeight));
            CHECK(c.data.substr(20, 4) == std::string("\0\1\0\4", 4));
        } else {
            ++fdat;
        }
    }
    CHECK(fctl == frames.size());
    CHECK(fdat == frames.size() - 1);
    // Played back, the animation shows exactly the frames written as PNG files.
    const auto shown = play_apng(chunks, demo::kDefaultWidth, demo::kDefaultHeight);
    REQUIRE(shown.size() == frames.size());
    for (std::size_t i = 0; i < frames.size(); ++i) {
        INFO("frame " << i);
        CHECK(shown[i] == demo::read_png(frames[i].string()).rgb);
    }
    // A decoder without APNG sees the first frame.
    CHECK(demo::read_png((dir / "run.apng").string()).rgb == demo::read_png(frames.front().string()).rgb);
    fs::remove_all(dir);
}

TEST_CASE("two headless runs of one scenario and seed write the same bytes", "[demo][cli]") {
    const fs::path a = fresh_dir("same-a"), b = fresh_dir("same-b");
    REQUIRE(film(a).exit_code == 0);
    REQUIRE(film(b).exit_code == 0);
    const auto fa = frames_in(a), fb = frames_in(b);
    REQUIRE(fa.size() == fb.size());
    for (std::size_t i = 0; i < fa.size(); ++i) {
        INFO(fa[i].filename());
        CHECK(read_file(fa[i].string()) == read_file(fb[i].string()));
    }
    CHECK(read_file((a / "run.apng").string()) == read_file((b / "run.apng").string()));
    // Another seed is another run (other user code on the panel), and a second run into the
    // same folder replaces the first's frames.
    REQUIRE(film(a, " --seed 77").exit_code == 0);
    CHECK(read_file((a / "run.apng").string()) != read_file((b / "run.apng").string()));
    fs::remove_all(a);
    fs::remove_all(b);
}

TEST_CASE("headless runs skip stills and stop drawing at the frame cap", "[demo][cli]") {
    const fs::path dir = fresh_dir("cap");
    // The film ends with an hour on a dark ring: at 4 fps that is 14400 samples, drawn as a
    // second of still, then skipped.
    const auto all = film(dir);
    REQUIRE(all.exit_code == 0);
    CHECK_THAT(all.output, Catch::Contains("still frame(s) skipped"));
    CHECK(frames_in(dir).size() < 400);
    const auto capped = film(dir, " --max-frames 5");
    INFO(capped.output);
    CHECK(capped.exit_code == 0);
    CHECK(frames_in(dir).size() == 5);
    CHECK_THAT(capped.output, Catch::Contains("frame cap of 5 reached at virtual 00:00:01.250"));
    fs::remove_all(dir);
}

TEST_CASE("a failing scenario still writes its frames and exits 1 with the failure", "[demo][cli]") {
    const fs::path dir = fresh_dir("failing");
    const auto r = run_ringside("demo tests/data/failing/linked_within_1s.yaml --headless --fps 2 --out '" + dir.string() + "'");
    INFO(r.output);
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.output, Catch::Contains("FAIL  expects sign-in faster"));
    CHECK_THAT(r.output, Catch::Contains("step 4 at tests/data/failing/linked_within_1s.yaml:10"));
    CHECK_THAT(r.output, Catch::Contains("repro: ringside run tests/data/failing/linked_within_1s.yaml --seed 42"));
    CHECK_FALSE(frames_in(dir).empty());
    CHECK(fs::file_size(dir / "run.apng") > 0);
    fs::remove_all(dir);
}

TEST_CASE("bad input to the headless demo exits 2 with what was wrong", "[demo][cli]") {
    const fs::path dir = fresh_dir("bad");
    const std::string out = " --headless --out '" + dir.string() + "'";
    const auto missing = run_ringside("demo tests/data/demo/no_such.yaml" + out);
    CHECK(missing.exit_code == 2);
    CHECK_THAT(missing.output, Catch::Contains("no such scenario file: tests/data/demo/no_such.yaml"));

    const auto yaml = run_ringside("demo tests/data/malformed/bad_yaml.yaml" + out);
    CHECK(yaml.exit_code == 2);
    CHECK_THAT(yaml.output, Catch::Contains("tests/data/malformed/bad_yaml.yaml:4:"));

    const auto no_out = run_ringside(std::string("demo ") + kFilm + " --headless");
    CHECK(no_out.exit_code == 2);
    CHECK_THAT(no_out.output, Catch::Contains("--headless needs --out DIR"));

    for (const char* speed : {"fast", "0", "-3", "nan", "1e9"}) {
        const auto bad = run_ringside(std::string("demo ") + kFilm + out + " --speed " + speed);
        INFO(speed << ": " << bad.output);
        CHECK(bad.exit_code == 2);
        CHECK_THAT(bad.output, Catch::Contains(std::string("--speed ") + speed + ": expected virtual seconds per second"));
    }
    const auto fine = run_ringside(std::string("demo ") + kFilm + out + " --speed 0.05 --fps 10");
    CHECK(fine.exit_code == 2);
    CHECK_THAT(fine.output, Catch::Contains("takes a frame every 5.000 ms of virtual time"));
    CHECK_THAT(fine.output, Catch::Contains("at least 10 ms"));

    const auto flag = run_ringside(std::string("demo ") + kFilm + out + " --speedy 2");
    CHECK(flag.exit_code == 2);
    CHECK_THAT(flag.output, Catch::Contains("unknown option '--speedy'"));
    CHECK_FALSE(fs::exists(dir));  // nothing was written for bad input

    const auto window = run_ringside(std::string("demo ") + kFilm);
    CHECK(window.exit_code == 2);
    CHECK_THAT(window.output, Catch::Contains("use --headless"));

    const auto help = run_ringside("demo --help");
    CHECK(help.exit_code == 0);
    CHECK_THAT(help.output, Catch::Contains("--headless --out DIR"));
}
