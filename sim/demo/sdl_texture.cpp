#include "sim/demo/sdl_texture.hpp"

#include <stdexcept>
#include <string>

namespace ringside::demo {

SDL_Texture* make_texture(SDL_Renderer* renderer, const RgbaPixels& pixels, SDL_BlendMode blend) {
    // SDL refuses zero-sized textures; a one-pixel transparent one keeps callers simple.
    static const std::uint8_t kClear[4] = {0, 0, 0, 0};
    const bool empty = pixels.width <= 0 || pixels.height <= 0;
    const int w = empty ? 1 : pixels.width, h = empty ? 1 : pixels.height;
    SDL_Texture* texture = SDL_CreateTexture(renderer, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, w, h);
    if (!texture) throw std::runtime_error(std::string("cannot make a texture: ") + SDL_GetError());
    if (SDL_UpdateTexture(texture, nullptr, empty ? kClear : pixels.bytes.data(), w * 4) != 0 ||
        SDL_SetTextureBlendMode(texture, blend) != 0) {
        const std::string why = SDL_GetError();
        SDL_DestroyTexture(texture);
        throw std::runtime_error("cannot fill a texture: " + why);
    }
    return texture;
}

} // namespace ringside::demo
