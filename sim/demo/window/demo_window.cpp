#include "sim/demo/window/demo_window.hpp"

#include <SDL.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <stdexcept>

#include "sim/demo/panel_painter.hpp"
#include "sim/demo/ring_painter.hpp"
#include "sim/demo/text_cache.hpp"

namespace ringside::demo {
namespace {

constexpr hal::Rgb kColumnBg{22, 24, 30};
constexpr hal::Rgb kStripBg{12, 13, 16};
constexpr hal::Rgb kButtonBg{44, 48, 60};
constexpr hal::Rgb kButtonDown{70, 110, 190};
constexpr hal::Rgb kButtonActive{60, 120, 90};
constexpr hal::Rgb kButtonOff{30, 32, 38};
constexpr hal::Rgb kHoldFill{235, 120, 20};
constexpr hal::Rgb kText{232, 235, 242};
constexpr hal::Rgb kDim{138, 145, 160};
constexpr hal::Rgb kFaint{80, 84, 96};
constexpr int kPad = 10;

void fill(SDL_Renderer* r, const PixelRect& rect, hal::Rgb c) {
    const SDL_Rect sr{rect.x, rect.y, rect.w, rect.h};
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, 255);
    SDL_RenderFillRect(r, &sr);
}

// Whether `c` is lit in `p`: the speed in use, or pause while paused.
bool active(const ControlButton& c, const DemoPicture& p) {
    switch (c.control) {
    case Control::Pause: return p.paused;
    case Control::Speed1: return !p.paused && p.speed == 1;
    case Control::Speed10: return !p.paused && p.speed == 10;
    case Control::Speed100: return !p.paused && p.speed == 100;
    case Control::Type: return p.typing;
    default: return false;
    }
}

} // namespace

struct DemoWindow::Parts {
    WindowLayout layout = window_layout();
    SDL_Window* window = nullptr;
    SDL_Renderer* renderer = nullptr;
    std::optional<RingPainter> ring;
    std::optional<PanelPainter> panel;
    std::optional<TextCache> text;
    std::optional<TextCache> small;
    std::optional<TextCache> strip_text;
    std::optional<InputDecoder> input;
    std::optional<DemoPicture> shown;
    bool redraw = true;
    std::uint64_t frames = 0;

    ~Parts() {
        strip_text.reset();
        small.reset();
        text.reset();
        panel.reset();
        ring.reset();
        if (renderer) SDL_DestroyRenderer(renderer);
        if (window) SDL_DestroyWindow(window);
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
    }

    void draw_controls(const DemoPicture& p) {
        fill(renderer, layout.column, kColumnBg);
        for (const Heading& h : control_headings(layout)) small->draw(h.text, kDim, h.x, h.y + 4, layout.column.w);
        for (const ControlButton& c : input->buttons()) {
            const auto button = speaker_button(c.control);
            const bool speaker_control = button || c.control == Control::Phrase || c.control == Control::Type;
            const bool enabled = p.speaker_enabled || !speaker_control;
            hal::Rgb bg = enabled ? kButtonBg : kButtonOff;
            if (button && p.held[static_cast<std::size_t>(*button)]) bg = kButtonDown;
            if (active(c, p)) bg = kButtonActive;
            fill(renderer, c.rect, bg);
            if (c.control == Control::Action && p.action_hold > 0) {
                // The hold timer: the button fills toward the 25 s factory reset.
                PixelRect bar = c.rect;
                bar.w = static_cast<int>(bar.w * std::min(1.0, p.action_hold));
                bar.y += bar.h - 6;
                bar.h = 6;
                fill(renderer, bar, kHoldFill);
            }
            const int ty = c.rect.y + (c.rect.h - text->height()) / 2;
            const int key_w = small->width(c.key);
            if (c.rect.w < 120) {
                // A narrow time button: its label centred; its key is in the hint line.
                const int label_w = text->width(c.label);
                text->draw(c.label, enabled ? kText : kFaint, c.rect.x + std::max(0, (c.rect.w - label_w) / 2), ty, c.rect.w);
                continue;
            }
            text->draw(c.label, enabled ? kText : kFaint, c.rect.x + kPad, ty, c.rect.w - key_w - 3 * kPad);
            small->draw(c.key, enabled ? kDim : kFaint, c.rect.x + c.rect.w - kPad - key_w,
                        c.rect.y + (c.rect.h - small->height()) / 2, key_w);
        }
        const auto& buttons = input->buttons();
        int y = buttons.back().rect.y + buttons.back().rect.h + 2 * kPad;
        for (const std::string& note : p.notes) {
            small->draw(note, kDim, layout.column.x + 14, y, layout.column.w - 28);
            y += small->height() + 4;
        }
    }

    void draw_strip(const DemoPicture& p) {
        fill(renderer, layout.strip, kStripBg);
        const int x = layout.strip.x + 14, w = layout.strip.w - 28;
        strip_text->draw(p.hint, kDim, x, layout.strip.y + 6, w);
        const std::string typed = p.typing ? "say: " + p.typed + "_" : std::string();
        strip_text->draw(typed, kText, x, layout.strip.y + 10 + strip_text->height(), w);
    }
};

DemoWindow::DemoWindow(const std::string& title, bool speaker_enabled, const std::string& font_path)
    : parts_(std::make_unique<Parts>()) {
    Parts& p = *parts_;
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
        const char* display = std::getenv("DISPLAY");
        throw std::runtime_error(std::string("cannot open the demo window: ") + SDL_GetError() + " (DISPLAY=" +
                                 (display ? display : "unset") + "; use --headless --out DIR without a display)");
    }
    // With no display SDL falls back to a driver that shows nothing (offscreen, dummy): a
    // window nobody can see is a demo that seems to hang. Only an explicit SDL_VIDEODRIVER
    // asks for that.
    const std::string driver = SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "";
    if ((driver == "offscreen" || driver == "dummy" || driver == "evdev") && !std::getenv("SDL_VIDEODRIVER")) {
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        throw std::runtime_error("cannot open the demo window: no display (DISPLAY unset; SDL found only its '" + driver +
                                 "' driver); run it on a desktop or under xvfb-run, or use --headless --out DIR");
    }
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    p.window = SDL_CreateWindow(title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, p.layout.width,
                                p.layout.height, SDL_WINDOW_SHOWN);
    if (!p.window) throw std::runtime_error(std::string("cannot make the demo window: ") + SDL_GetError());
    // SDL's software renderer straight onto the window's own framebuffer (X11 shared memory,
    // not SDL's default of an OpenGL texture, which under Xvfb is Mesa's llvmpipe and costs
    // several times the CPU): the picture persists between frames, so a frame redraws and
    // sends only the parts that changed (show()). No vsync: the caller paces frames.
    SDL_Surface* surface = SDL_GetWindowSurface(p.window);
    if (!surface) throw std::runtime_error(std::string("cannot get the demo window's surface: ") + SDL_GetError());
    p.renderer = SDL_CreateSoftwareRenderer(surface);
    if (!p.renderer) throw std::runtime_error(std::string("cannot make a renderer for the demo window: ") + SDL_GetError());
    p.ring.emplace(p.renderer, p.layout.ring);
    p.panel.emplace(p.renderer, font_path);
    p.text.emplace(p.renderer, font_path, 14);
    p.small.emplace(p.renderer, font_path, 12);
    p.strip_text.emplace(p.renderer, font_path, 13);
    p.input.emplace(control_buttons(p.layout), speaker_enabled);
}

DemoWindow::~DemoWindow() = default;

std::vector<DemoInput> DemoWindow::wait(std::chrono::steady_clock::time_point deadline) {
    Parts& p = *parts_;
    std::vector<DemoInput> out;
    SDL_Event e;
    for (;;) {
        while (SDL_PollEvent(&e)) p.input->decode(e, out);
        if (!out.empty()) break;
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        if (SDL_WaitEventTimeout(&e, static_cast<int>(left.count()))) p.input->decode(e, out);
    }
    for (const DemoInput& in : out)
        if (in.kind == DemoInput::Kind::Redraw) p.redraw = true;
    return out;
}

bool DemoWindow::show(const DemoPicture& picture) {
    Parts& p = *parts_;
    const DemoPicture* was = p.redraw ? nullptr : p.shown ? &*p.shown : nullptr;
    // Only what changed is drawn and sent to the display: at 1x most frames change the
    // panel's virtual time and, a few times a second, the ring.
    const bool ring = !was || was->leds != picture.leds;
    bool panel = !was || was->panel.size() != picture.panel.size();
    for (std::size_t i = 0; !panel && i < picture.panel.size(); ++i)
        panel = was->panel[i].label != picture.panel[i].label || was->panel[i].value != picture.panel[i].value;
    const bool controls = !was || was->held != picture.held || was->action_hold != picture.action_hold ||
                          was->speaker_enabled != picture.speaker_enabled || was->paused != picture.paused ||
                          was->speed != picture.speed || was->typing != picture.typing || was->notes != picture.notes;
    const bool strip = !was || was->hint != picture.hint || was->typing != picture.typing || was->typed != picture.typed;
    if (!ring && !panel && !controls && !strip) return false;

    std::vector<SDL_Rect> dirty;
    const auto mark = [&dirty](const PixelRect& r) { dirty.push_back({r.x, r.y, r.w, r.h}); };
    if (ring) {
        p.ring->paint(picture.leds);
        mark(p.layout.ring);
    }
    if (panel) {
        p.panel->paint(picture.panel, p.layout.panel);
        mark(p.layout.panel);
    }
    // Each part has its own text cache, emptied of what its last drawing did not use.
    if (controls) {
        p.draw_controls(picture);
        p.text->end_frame();
        p.small->end_frame();
        mark(p.layout.column);
    }
    if (strip) {
        p.draw_strip(picture);
        p.strip_text->end_frame();
        mark(p.layout.strip);
    }
    SDL_RenderFlush(p.renderer);
    if (!was) SDL_UpdateWindowSurface(p.window);
    else SDL_UpdateWindowSurfaceRects(p.window, dirty.data(), static_cast<int>(dirty.size()));
    p.shown = picture;
    p.redraw = false;
    ++p.frames;
    return true;
}

const InputDecoder& DemoWindow::input() const { return *parts_->input; }
const WindowLayout& DemoWindow::layout() const { return parts_->layout; }
std::uint64_t DemoWindow::frames_presented() const { return parts_->frames; }

std::string DemoWindow::renderer_name() const {
    SDL_RendererInfo info;
    return SDL_GetRendererInfo(parts_->renderer, &info) == 0 ? info.name : "unknown";
}

} // namespace ringside::demo
