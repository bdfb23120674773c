#include "sim/demo/offscreen_scene.hpp"

#include <SDL.h>

#include <optional>
#include <stdexcept>

#include "sim/demo/panel_painter.hpp"
#include "sim/demo/ring_painter.hpp"

namespace ringside::demo {

struct OffscreenScene::Parts {
    Parts(int width, int height, const std::string& font_path) : layout(scene_layout(width, height)) {
        if (width < 16 || height < 16 || width > 8192 || height > 8192)
            throw std::runtime_error("a canvas of " + std::to_string(width) + "x" + std::to_string(height) +
                                     " pixels: expected 16x16 to 8192x8192");
        // 32-bit XRGB is the software renderer's fast path for blending; RGB24 is not.
        surface = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_XRGB8888);
        if (!surface) throw std::runtime_error(std::string("cannot make a surface: ") + SDL_GetError());
        renderer = SDL_CreateSoftwareRenderer(surface);
        if (!renderer) {
            const std::string why = SDL_GetError();
            SDL_FreeSurface(surface);
            throw std::runtime_error("cannot make a software renderer: " + why);
        }
        try {
            ring.emplace(renderer, layout.ring);
            panel.emplace(renderer, font_path);
        } catch (...) {
            ring.reset();
            SDL_DestroyRenderer(renderer);
            SDL_FreeSurface(surface);
            throw;
        }
        image = RgbImage(width, height);
    }
    ~Parts() {
        panel.reset();
        ring.reset();
        SDL_DestroyRenderer(renderer);
        SDL_FreeSurface(surface);
    }

    SceneLayout layout;
    SDL_Surface* surface = nullptr;
    SDL_Renderer* renderer = nullptr;
    std::optional<RingPainter> ring;
    std::optional<PanelPainter> panel;
    RgbImage image;
};

OffscreenScene::OffscreenScene(int width, int height, const std::string& font_path)
    : parts_(std::make_unique<Parts>(width, height, font_path)) {}

OffscreenScene::~OffscreenScene() = default;

const RgbImage& OffscreenScene::render(const hal::RingFrame& ring, const std::vector<PanelLine>& lines) {
    Parts& p = *parts_;
    p.ring->paint(ring);
    p.panel->paint(lines, p.layout.panel);
    SDL_RenderPresent(p.renderer);  // flushes SDL's batched commands onto the surface
    SDL_Surface* s = p.surface;
    if (SDL_MUSTLOCK(s)) SDL_LockSurface(s);
    for (int y = 0; y < s->h; ++y) {
        const auto* row = reinterpret_cast<const Uint32*>(static_cast<const Uint8*>(s->pixels) + y * s->pitch);
        std::uint8_t* out = &p.image.rgb[static_cast<std::size_t>(y) * s->w * 3];
        for (int x = 0; x < s->w; ++x, out += 3) {
            const Uint32 px = row[x];
            out[0] = static_cast<std::uint8_t>(px >> 16);
            out[1] = static_cast<std::uint8_t>(px >> 8);
            out[2] = static_cast<std::uint8_t>(px);
        }
    }
    if (SDL_MUSTLOCK(s)) SDL_UnlockSurface(s);
    return p.image;
}

const SceneLayout& OffscreenScene::layout() const { return parts_->layout; }
const RingGeometry& OffscreenScene::geometry() const { return parts_->ring->geometry(); }

} // namespace ringside::demo
