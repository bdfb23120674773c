#include "sim/demo/text_cache.hpp"

#include <SDL.h>
#include <SDL_ttf.h>

#include <algorithm>
#include <stdexcept>

namespace ringside::demo {
namespace {

constexpr const char* kEllipsis = "\xE2\x80\xA6";

// Drops the last UTF-8 character (a lead byte and its continuation bytes).
void drop_last_character(std::string& s) {
    while (!s.empty()) {
        const unsigned char c = static_cast<unsigned char>(s.back());
        s.pop_back();
        if ((c & 0xC0) != 0x80) break;
    }
}

} // namespace

TextCache::TextCache(SDL_Renderer* renderer, const std::string& font_path, int font_px) : renderer_(renderer) {
    if (TTF_Init() != 0) throw std::runtime_error(std::string("cannot start SDL_ttf: ") + TTF_GetError());
    font_ = TTF_OpenFont(font_path.c_str(), font_px);
    if (!font_) {
        const std::string why = TTF_GetError();
        TTF_Quit();
        throw std::runtime_error("cannot open the demo's font " + font_path + ": " + why +
                                 " (set RINGSIDE_DEMO_FONT to a .ttf file)");
    }
    height_ = TTF_FontHeight(font_);
    line_skip_ = TTF_FontLineSkip(font_);
}

TextCache::~TextCache() {
    for (auto& e : cache_)
        if (e.second.texture) SDL_DestroyTexture(e.second.texture);
    TTF_CloseFont(font_);
    TTF_Quit();
}

int TextCache::width(const std::string& text) const {
    int w = 0, h = 0;
    return text.empty() || TTF_SizeUTF8(font_, text.c_str(), &w, &h) != 0 ? 0 : w;
}

std::string TextCache::fit(const std::string& text, int max_w) const {
    if (width(text) <= max_w) return text;
    std::string cut = text;
    while (!cut.empty()) {
        drop_last_character(cut);
        if (width(cut + kEllipsis) <= max_w) break;
    }
    return cut + kEllipsis;
}

int TextCache::draw(const std::string& text, hal::Rgb colour, int x, int y, int max_w) {
    if (text.empty() || max_w <= 0) return 0;
    const std::string key = std::to_string(colour.r) + "," + std::to_string(colour.g) + "," + std::to_string(colour.b) + ":" + text;
    auto found = cache_.find(key);
    if (found == cache_.end()) {
        Entry e;
        if (SDL_Surface* s = TTF_RenderUTF8_Blended(font_, text.c_str(), SDL_Color{colour.r, colour.g, colour.b, 255})) {
            e.texture = SDL_CreateTextureFromSurface(renderer_, s);
            e.w = s->w;
            e.h = s->h;
            SDL_FreeSurface(s);
            if (e.texture) SDL_SetTextureBlendMode(e.texture, SDL_BLENDMODE_BLEND);
        }
        found = cache_.emplace(key, e).first;
    }
    Entry& e = found->second;
    e.used = frame_;
    if (!e.texture) return 0;
    const int w = std::min(e.w, max_w);
    const SDL_Rect src{0, 0, w, e.h};
    const SDL_Rect dst{x, y, w, e.h};
    SDL_RenderCopy(renderer_, e.texture, &src, &dst);
    return w;
}

void TextCache::end_frame() {
    for (auto it = cache_.begin(); it != cache_.end();) {
        if (it->second.used == frame_) {
            ++it;
            continue;
        }
        if (it->second.texture) SDL_DestroyTexture(it->second.texture);
        it = cache_.erase(it);
    }
    ++frame_;
}

} // namespace ringside::demo
