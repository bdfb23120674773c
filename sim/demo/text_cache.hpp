#pragma once
// Short strings rendered once with SDL_ttf and kept as textures while they keep being drawn:
// button labels, headings, the hint line, the panel's lines. Strings not drawn during a
// frame are dropped at its end (end_frame), so a changing line (typed text, a countdown)
// does not pile up textures.
// Units: pixels. Who may call: the demo window and the painters, on the renderer's thread.
#include <cstdint>
#include <string>
#include <unordered_map>

#include "firmware/hal/led_ring.hpp"

struct SDL_Renderer;
struct SDL_Texture;
typedef struct _TTF_Font TTF_Font;

namespace ringside::demo {

class TextCache {
public:
    // Throws std::runtime_error naming the font when it cannot be opened.
    TextCache(SDL_Renderer* renderer, const std::string& font_path, int font_px);
    ~TextCache();
    TextCache(const TextCache&) = delete;
    TextCache& operator=(const TextCache&) = delete;

    // Draws `text` in `colour` with its top-left corner at (x, y), cut to `max_w` pixels.
    // Returns the drawn width.
    int draw(const std::string& text, hal::Rgb colour, int x, int y, int max_w);
    // Width `text` would take, in pixels.
    int width(const std::string& text) const;
    // `text`, or as much of it as fits `max_w` pixels followed by an ellipsis.
    std::string fit(const std::string& text, int max_w) const;
    int height() const { return height_; }
    int line_skip() const { return line_skip_; }  // the font's distance from line to line
    void end_frame();

private:
    struct Entry {
        SDL_Texture* texture = nullptr;
        int w = 0, h = 0;
        std::uint64_t used = 0;
    };
    SDL_Renderer* renderer_;
    TTF_Font* font_ = nullptr;
    int height_ = 0, line_skip_ = 0;
    std::uint64_t frame_ = 1;
    std::unordered_map<std::string, Entry> cache_;
};

} // namespace ringside::demo
