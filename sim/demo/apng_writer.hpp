#pragma once
// An animated PNG (APNG, https://wiki.mozilla.org/APNG_Specification) written frame by
// frame, so a run of thousands of frames never sits in memory. Chunks are written here with
// zlib (libpng writes no APNG chunks): IHDR, acTL, then per frame fcTL and IDAT (the first,
// which is also what viewers without APNG show) or fdAT, then IEND. Pixels are RGBA: a frame
// after the first carries only the rectangle that changed since the one before, its
// unchanged pixels transparent, drawn OVER it (dispose NONE), so a mostly still picture
// costs little. acTL's frame count is patched in at
// finish(). Deterministic: the same frames give the same bytes.
// Units: pixels; delays in 1/fps s. Who may call: one thread per writer.
#include <cstdint>
#include <fstream>
#include <string>

#include "sim/demo/rgb_image.hpp"

namespace ringside::demo {

class ApngWriter {
public:
    // Creates `path` for frames of width x height shown for 1/fps s each, looping forever.
    // Throws std::runtime_error naming the file when it cannot be created.
    ApngWriter(const std::string& path, int width, int height, int fps);

    // Appends a frame of the size given at construction. Throws std::runtime_error on a
    // size mismatch or a write error.
    void add(const RgbImage& frame);

    // Writes IEND and the frame count; the file is complete (and valid only) after this.
    void finish();

    std::uint32_t frames() const { return frames_; }

private:
    void chunk(const char type[4], const std::string& data);
    void frame_chunks(const RgbImage& frame, int x, int y, int w, int h);

    std::string path_;
    std::ofstream out_;
    int width_, height_, fps_;
    std::uint32_t frames_ = 0;
    std::uint32_t sequence_ = 0;  // fcTL and fdAT share one sequence
    std::streamoff actl_at_ = 0;  // where acTL's data starts
    RgbImage previous_;
};

} // namespace ringside::demo
