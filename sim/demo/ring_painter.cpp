#include "sim/demo/ring_painter.hpp"

#include <SDL.h>

#include <cmath>

#include "sim/demo/ring_sprites.hpp"
#include "sim/demo/sdl_texture.hpp"

namespace ringside::demo {
namespace {

// Centres a square sprite of `size` pixels on `p`. Whole pixels: the sprite's middle pixel
// lands on the pixel holding the LED's centre, so a core is its colour right there.
SDL_Rect centred(PixelPoint p, int size) {
    return {static_cast<int>(std::floor(p.x)) - size / 2, static_cast<int>(std::floor(p.y)) - size / 2, size, size};
}

} // namespace

RingPainter::RingPainter(SDL_Renderer* renderer, PixelRect area)
    : renderer_(renderer), area_(area), geometry_(ring_geometry(area)) {
    const RgbaPixels glow = glow_sprite(geometry_.glow_radius);
    const RgbaPixels core = core_sprite(geometry_.led_radius);
    glow_size_ = glow.width;
    core_size_ = core.width;
    try {
        base_ = make_texture(renderer_, ring_base(geometry_, area_), SDL_BLENDMODE_NONE);
        glow_ = make_texture(renderer_, glow, SDL_BLENDMODE_ADD);
        core_ = make_texture(renderer_, core, SDL_BLENDMODE_BLEND);
    } catch (...) {
        if (base_) SDL_DestroyTexture(base_);
        if (glow_) SDL_DestroyTexture(glow_);
        throw;
    }
}

RingPainter::~RingPainter() {
    SDL_DestroyTexture(core_);
    SDL_DestroyTexture(glow_);
    SDL_DestroyTexture(base_);
}

void RingPainter::paint(const hal::RingFrame& frame) {
    const SDL_Rect area{area_.x, area_.y, area_.w, area_.h};
    SDL_RenderCopy(renderer_, base_, nullptr, &area);
    // Clipped, so a glow near the area's edge never spills onto a neighbouring panel.
    SDL_Rect previous_clip;
    SDL_RenderGetClipRect(renderer_, &previous_clip);
    const bool was_clipped = SDL_RenderIsClipEnabled(renderer_) == SDL_TRUE;
    SDL_RenderSetClipRect(renderer_, &area);
    for (std::size_t i = 0; i < hal::kLedCount; ++i) {
        const hal::Rgb c = frame[i];
        if (c == hal::Rgb{}) continue;  // black emits nothing: its lens is already drawn
        const SDL_Rect dst = centred(geometry_.leds[i], glow_size_);
        SDL_SetTextureColorMod(glow_, c.r, c.g, c.b);
        SDL_RenderCopy(renderer_, glow_, nullptr, &dst);
    }
    // Cores last, over every glow: the centre of a lit LED shows its own colour, not the
    // sum of its light and its neighbours'.
    for (std::size_t i = 0; i < hal::kLedCount; ++i) {
        const hal::Rgb c = frame[i];
        if (c == hal::Rgb{}) continue;
        const hal::Rgb tint = core_tint(c);
        const SDL_Rect dst = centred(geometry_.leds[i], core_size_);
        SDL_SetTextureColorMod(core_, tint.r, tint.g, tint.b);
        SDL_RenderCopy(renderer_, core_, nullptr, &dst);
    }
    SDL_RenderSetClipRect(renderer_, was_clipped ? &previous_clip : nullptr);
}

} // namespace ringside::demo
