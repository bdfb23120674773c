#pragma once
// Uploads RGBA pixels (ring_sprites.hpp) into a static SDL texture with a blend mode.
// Who may call: the painters in sim/demo. Throws std::runtime_error with SDL's reason.
#include <SDL.h>

#include "sim/demo/ring_sprites.hpp"

namespace ringside::demo {

SDL_Texture* make_texture(SDL_Renderer* renderer, const RgbaPixels& pixels, SDL_BlendMode blend);

} // namespace ringside::demo
