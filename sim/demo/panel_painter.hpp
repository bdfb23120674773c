#pragma once
// Draws the state panel: one line per PanelLine, labels in a dim column, values bright in a
// second column, on a dark strip with a divider along its top. A value too wide for the
// area is cut with an ellipsis; lines that do not fit the area's height are left out.
// Rendered text is cached per string (TextCache), so a panel whose lines barely change costs little.
// Units: canvas pixels. Who may call: the demo window and the offscreen scene, on the
// thread that owns the renderer. Header free of SDL: only pointers to its types.
#include <string>
#include <vector>

#include "sim/demo/panel_lines.hpp"
#include "sim/demo/ring_geometry.hpp"
#include "sim/demo/text_cache.hpp"

struct SDL_Renderer;

namespace ringside::demo {

class PanelPainter {
public:
    // Opens `font_path` at `font_px` pixels for `renderer` (which must outlive the painter).
    // Throws std::runtime_error naming the font file when it cannot be opened.
    PanelPainter(SDL_Renderer* renderer, const std::string& font_path, int font_px = 15);

    // Draws every pixel of `area` (nothing outside it). Does not present.
    void paint(const std::vector<PanelLine>& lines, PixelRect area);

    int line_height() const { return text_.line_skip() + 5; }

private:
    SDL_Renderer* renderer_;
    TextCache text_;
};

} // namespace ringside::demo
