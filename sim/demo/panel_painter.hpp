#pragma once
// Draws the state panel: one line per PanelLine, labels in a dim column, values bright in a
// second column, on a dark strip with a divider along its top. A value too wide for the
// area is cut with an ellipsis; lines that do not fit the area's height are left out.
// Rendered text is cached per string, so a panel whose lines barely change costs little.
// Units: canvas pixels. Who may call: the demo window and the offscreen scene, on the
// thread that owns the renderer. Header free of SDL: only pointers to its types.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/demo/panel_lines.hpp"
#include "sim/demo/ring_geometry.hpp"

struct SDL_Renderer;
struct SDL_Texture;
typedef struct _TTF_Font TTF_Font;

namespace ringside::demo {

class PanelPainter {
public:
    // Opens `font_path` at `font_px` pixels for `renderer` (which must outlive the painter).
    // Throws std::runtime_error naming the font file when it cannot be opened.
    PanelPainter(SDL_Renderer* renderer, const std::string& font_path, int font_px = 15);
    ~PanelPainter();
    PanelPainter(const PanelPainter&) = delete;
    PanelPainter& operator=(const PanelPainter&) = delete;

    // Draws every pixel of `area` (nothing outside it). Does not present.
    void paint(const std::vector<PanelLine>& lines, PixelRect area);

    int line_height() const { return line_height_; }

private:
    struct Text {
        SDL_Texture* texture = nullptr;  // null for an empty string
        int w = 0, h = 0;
        std::uint64_t used = 0;  // the paint that last drew it
    };
    // `text` in `colour` (0: label, 1: value), cut to `max_w` pixels; cached.
    const Text& text(const std::string& text, int colour, int max_w);
    std::string fit(const std::string& text, int max_w) const;

    SDL_Renderer* renderer_;
    TTF_Font* font_ = nullptr;
    int line_height_ = 0;
    std::uint64_t paints_ = 0;
    std::unordered_map<std::string, Text> cache_;
};

} // namespace ringside::demo
