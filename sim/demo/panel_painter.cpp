#include "sim/demo/panel_painter.hpp"

#include <SDL.h>

#include <algorithm>
#include <stdexcept>

namespace ringside::demo {
namespace {

constexpr hal::Rgb kLabel{138, 145, 160};
constexpr hal::Rgb kValue{232, 235, 242};
constexpr SDL_Color kBackground{15, 16, 20, 255};
constexpr SDL_Color kDivider{44, 47, 56, 255};
constexpr const char* kDash = "\xE2\x80\x94";      // an empty value: "nothing", not a blank
constexpr int kPadding = 16;

} // namespace

PanelPainter::PanelPainter(SDL_Renderer* renderer, const std::string& font_path, int font_px)
    : renderer_(renderer), text_(renderer, font_path, font_px) {}

void PanelPainter::paint(const std::vector<PanelLine>& lines, PixelRect area) {
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
    for (const PanelLine& line : lines) label_w = std::max(label_w, std::min(inner_w, text_.width(line.label)));
    const int value_x = area.x + kPadding + label_w + kPadding;
    const int value_w = std::max(0, area.x + area.w - kPadding - value_x);
    int y = area.y + kPadding / 2 + 4;
    for (const PanelLine& line : lines) {
        if (y + line_height() > area.y + area.h) break;
        text_.draw(text_.fit(line.label, inner_w), kLabel, area.x + kPadding, y, inner_w);
        text_.draw(text_.fit(line.value.empty() ? kDash : line.value, value_w), kValue, value_x, y, value_w);
        y += line_height();
    }
    SDL_RenderSetClipRect(renderer_, was_clipped ? &previous_clip : nullptr);

    // Text not drawn this time (a countdown's earlier values) is dropped, so the cache stays
    // the size of one panel however long the demo runs.
    text_.end_frame();
}

} // namespace ringside::demo
