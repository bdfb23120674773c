// The headless demo's run.apng in a real browser: headless Chromium (Debian's `chromium`,
// installed by scripts/setup) decodes it with its ImageDecoder API and must see an animation
// of every frame, 1/fps s each, whose frames, composited as the browser does, are the
// pixels of the PNG files written beside it.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "runner/child_process.hpp"

using ringside::test::read_file;
using ringside::test::run_ringside;
namespace fs = std::filesystem;

namespace {

std::string base64(const std::string& bytes) {
    static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned v = (unsigned(std::uint8_t(bytes[i])) << 16) | (unsigned(std::uint8_t(bytes[i + 1])) << 8) |
                           std::uint8_t(bytes[i + 2]);
        for (int k = 3; k >= 0; --k) out += kAlphabet[(v >> (6 * k)) & 63];
    }
    if (i < bytes.size()) {
        unsigned v = unsigned(std::uint8_t(bytes[i])) << 16;
        if (i + 1 < bytes.size()) v |= unsigned(std::uint8_t(bytes[i + 1])) << 8;
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

// The page decodes frame `index` of the APNG and the PNG of that frame, draws both and
// logs the largest channel difference; then closes, which ends headless Chromium.
std::string page(const std::string& apng, const std::string& png, int index) {
    return R"(<!doctype html><script>
async function decode(b64, index) {
  const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
  const d = new ImageDecoder({data: bytes, type: "image/png"});
  await d.tracks.ready; await d.completed;
  const track = d.tracks.selectedTrack;
  const frame = (await d.decode({frameIndex: index})).image;
  const canvas = new OffscreenCanvas(frame.displayWidth, frame.displayHeight);
  const g = canvas.getContext("2d"); g.drawImage(frame, 0, 0);
  return {count: track.frameCount, animated: track.animated, duration: frame.duration,
          px: g.getImageData(0, 0, canvas.width, canvas.height).data};
}
(async () => {
  try {
    const a = await decode(")" + apng + R"(", )" + std::to_string(index) + R"();
    const b = await decode(")" + png + R"(", 0);
    let diff = a.px.length == b.px.length ? 0 : 999;
    for (let i = 0; i < a.px.length && diff < 999; ++i) if (i % 4 != 3) diff = Math.max(diff, Math.abs(a.px[i] - b.px[i]));
    console.log("RESULT frames=" + a.count + " animated=" + a.animated + " duration=" + a.duration + " diff=" + diff + " END");
  } catch (e) { console.log("RESULT error " + e + " END"); }
  window.close();
})();
</script>)";
}

// What Chromium logged as the page's RESULT line (bounded: `timeout` ends it after 60 s).
std::string chromium_result(const fs::path& html) {
    const std::string command = "timeout 60 chromium --headless --no-sandbox --disable-gpu --enable-logging=stderr --v=0 "
                                "'file://" + html.string() + "' 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe);
    std::string log;
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) log.append(buf, n);
    pclose(pipe);
    const auto at = log.find("RESULT ");
    if (at == std::string::npos) return "no result; chromium said:\n" + log.substr(0, 2000);
    return log.substr(at + 7, log.find(" END", at) - at - 7);
}

} // namespace

TEST_CASE("headless Chromium plays run.apng: every frame, 1/fps s each, as the PNG files show them", "[demo][cli][browser]") {
    REQUIRE(std::system("command -v chromium > /dev/null") == 0);  // scripts/setup installs it
    const fs::path dir = fs::temp_directory_path() / ("ringside-demo-browser-" + std::to_string(getpid()));
    fs::remove_all(dir);
    const auto r = run_ringside("demo tests/data/demo/setup_then_sign_in.yaml --headless --fps 4 --out '" + dir.string() + "'");
    REQUIRE(r.exit_code == 0);
    int frames = 0;
    while (fs::exists(dir / ("frame-" + std::string(5 - std::to_string(frames).size(), '0') + std::to_string(frames) + ".png")))
        ++frames;
    REQUIRE(frames > 20);
    const std::string apng = base64(read_file((dir / "run.apng").string()));
    // A frame in the middle and the last one: each is the browser's canvas after every
    // delta before it was drawn over the first frame.
    for (const int index : {frames / 2, frames - 1}) {
        char name[32];
        std::snprintf(name, sizeof name, "frame-%05d.png", index);
        const fs::path html = dir / ("play-" + std::to_string(index) + ".html");
        std::ofstream(html) << page(apng, base64(read_file((dir / name).string())), index);
        const std::string result = chromium_result(html);
        INFO("frame " << index << ": " << result);
        CHECK(result == "frames=" + std::to_string(frames) + " animated=true duration=250000 diff=0");
    }
    fs::remove_all(dir);
}
