#pragma once
// PNG files of rendered frames, through libpng (its simplified png_image API: no setjmp in
// our code). Header free of libpng, so tests and the CLI read and write frames without it.
// Deterministic: the same image gives the same bytes (no time chunk, fixed compression).
// Units: pixels. Who may call: anyone; one call per thread at a time per file.
#include <string>

#include "sim/demo/rgb_image.hpp"

namespace ringside::demo {

// Writes `image` as an 8-bit RGB PNG at `path` (replacing it). Throws std::runtime_error
// naming the file and libpng's reason.
void write_png(const std::string& path, const RgbImage& image);

// Reads any PNG libpng decodes (only its first frame, for an APNG) as 8-bit RGB, alpha
// dropped. Throws std::runtime_error naming the file and libpng's reason.
RgbImage read_png(const std::string& path);

} // namespace ringside::demo
