#include "sim/demo/panel_painter.hpp"

#include <SDL.h>
#include <SDL_ttf.h>

#include <algorithm>
#include <stdexcept>

namespace ringside::demo {
namespace {

constexpr SDL_Color kLabel{138, 145, 160, 255};
constexpr SDL_Color kValue{232, 235, 242, 255};
constexpr SDL_Color kBackground{15, 16, 20, 255};
constexpr SDL_Color kDivider{44, 47, 56, 255};
constexpr const char* kDash = "\xE2\x80\x94";      // an empty value: "nothing", not a blank
constexpr const char* kEllipsis = "\xE2\x80\xA6";  // a value cut to fit
constexpr int kPadding = 16;

// Drops the last UTF-8 character (a lead byte and its continuation bytes).
void drop_last_character(std::string& s) {
    while (!s.empty()) {
        const unsigned char c = static_cast<unsigned char>(s.back());
        s.pop_back();
        if ((c & 0xC0) != 0x80) break;
    }
}

} // namespace

PanelPainter::PanelPainter(SDL_Renderer* renderer, const std::string& font_path, int font_px) : renderer_(renderer) {
    // TTF_Init counts its callers (SDL_ttf >= 2.0.18), so painters may come and go.
    if (TTF_Init() != 0) throw std::runtime_error(std::string("cannot start SDL_ttf: ") + TTF_GetError());
    font_ = TTF_OpenFont(font_path.c_str(), font_px);
    if (!font_) {
        const std::string why = TTF_GetError();
        TTF_Quit();
        throw std::runtime_error("cannot open the panel's font " + font_path + ": " + why +
                                 " (set RINGSIDE_DEMO_FONT to a .ttf file)");
    }
    line_height_ = TTF_FontLineSkip(font_) + 5;
}

PanelPainter::~PanelPainter() {
    for (auto& entry : cache_)
        if (entry.second.texture) SDL_DestroyTexture(entry.second.texture);
    TTF_CloseFont(font_);
    TTF_Quit();
}

std::string PanelPainter::fit(const std::string& text, int max_w) const {
    int w = 0, h = 0;
    if (TTF_SizeUTF8(font_, text.c_str(), &w, &h) != 0 || w <= max_w) return text;
    std::string cut = text;
    while (!cut.empty()) {
        drop_last_character(cut);
        if (TTF_SizeUTF8(font_, (cut + kEllipsis).c_str(), &w, &h) == 0 && w <= max_w) break;
    }
    return cut + kEllipsis;
}

const PanelPainter::Text& PanelPainter::text(const std::string& s, int colour, int max_w) {
    const std::string key = std::to_string(colour) + ":" + std::to_string(max_w) + ":" + s;
    auto found = cache_.find(key);
    if (found == cache_.end()) {
        Text t;
        const std::string shown = fit(s, max_w);
        if (!shown.empty()) {
            if (SDL_Surface* surface = TTF_RenderUTF8_Blended(font_, shown.c_str(), colour ? kValue : kLabel)) {
                t.texture = SDL_CreateTextureFromSurface(renderer_, surface);
                t.w = surface->w;
                t.h = surface->h;
                SDL_FreeSurface(surface);
                if (t.texture) SDL_SetTextureBlendMode(t.texture, SDL_BLENDMODE_BLEND);
            }
        }
        found = cache_.emplace(key, t).first;
    }
    found->second.used = paints_;
    return found->second;
}

void PanelPainter::paint(const std::vector<PanelLine>& lines, PixelRect area) {
    ++paints_;
    const SDL_Rect rect{area.x, area.y, area.w, area.h};
    SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(renderer_, kBackground.r, kBackground.g, kBackground.b, kBackground.a);
    SDL_RenderFillRect(renderer_, &rect);
    SDL_SetRenderDrawColor(renderer_, kDivider.r, kDivider.g, kDivider.b, kDivider.a);
    SDL_RenderDrawLine(renderer_, area.x, area.y, area.x + area.w - 1, area.y);

    SDL_Rect previous_clip;
    SDL_RenderGetClipRect(renderer_, &previous_clip);
    const bool was_clipped = SDL_RenderIsClipEnabled(renderer_) == SDL_TRUE;
    SDL_RenderSetClipRect(renderer_, &rect);
    const int inner_w = std::max(0, area.w - 2 * kPadding);
    int label_w = 0;
    for (const PanelLine& line : lines) label_w = std::max(label_w, text(line.label, 0, inner_w).w);
    const int value_x = area.x + kPadding + label_w + kPadding;
    const int value_w = std::max(0, area.x + area.w - kPadding - value_x);
    int y = area.y + kPadding / 2 + 4;
    for (const PanelLine& line : lines) {
        if (y + line_height_ > area.y + area.h) break;
        const Text& label = text(line.label, 0, inner_w);
        const Text& value = text(line.value.empty() ? kDash : line.value, 1, value_w);
        if (label.texture) {
            const SDL_Rect dst{area.x + kPadding, y, label.w, label.h};
            SDL_RenderCopy(renderer_, label.texture, nullptr, &dst);
        }
        if (value.texture) {
            const SDL_Rect dst{value_x, y, value.w, value.h};
            SDL_RenderCopy(renderer_, value.texture, nullptr, &dst);
        }
        y += line_height_;
    }
    SDL_RenderSetClipRect(renderer_, was_clipped ? &previous_clip : nullptr);

    // Text not drawn this time (a countdown's earlier values) is dropped, so the cache stays
    // the size of one panel however long the demo runs.
    for (auto it = cache_.begin(); it != cache_.end();) {
        if (it->second.used == paints_) {
            ++it;
            continue;
        }
        if (it->second.texture) SDL_DestroyTexture(it->second.texture);
        it = cache_.erase(it);
    }
}

} // namespace ringside::demo
