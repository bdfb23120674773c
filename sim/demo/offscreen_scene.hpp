#pragma once
// The demo's picture without a display: the ring and the state panel drawn by SDL's
// software renderer onto a surface in memory, read back as RGB bytes. Needs no video
// driver and no SDL_Init. Header free of SDL, so cli/ and tests can use it.
// Units: pixels. Who may call: the headless demo, benchmarks and tests; one thread per scene.
#include <memory>
#include <string>
#include <vector>

#include "firmware/hal/led_ring.hpp"
#include "sim/demo/demo_font.hpp"
#include "sim/demo/panel_lines.hpp"
#include "sim/demo/rgb_image.hpp"
#include "sim/demo/ring_geometry.hpp"

namespace ringside::demo {

class OffscreenScene {
public:
    // A canvas of width x height pixels (at least 16 x 16), laid out by scene_layout().
    // Throws std::runtime_error naming what failed (a size out of range, the font, SDL).
    OffscreenScene(int width, int height, const std::string& font_path = demo_font_path());
    ~OffscreenScene();
    OffscreenScene(const OffscreenScene&) = delete;
    OffscreenScene& operator=(const OffscreenScene&) = delete;

    // Draws `ring` and `lines`; the pixels stay valid until the next render. Deterministic:
    // the same inputs give the same bytes.
    const RgbImage& render(const hal::RingFrame& ring, const std::vector<PanelLine>& lines);

    const SceneLayout& layout() const;
    // Where each LED's centre is on the canvas: sample render()'s pixels there.
    const RingGeometry& geometry() const;

private:
    struct Parts;
    std::unique_ptr<Parts> parts_;
};

} // namespace ringside::demo
