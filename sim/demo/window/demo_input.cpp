#include "sim/demo/window/demo_input.hpp"

#include <SDL.h>

#include <cctype>

#include "common/tone_modem.hpp"

namespace ringside::demo {
namespace {

constexpr std::size_t kMaxTyped = 80;

// The speaker button a key stands for, or -1.
int button_for_key(int sym) {
    switch (sym) {
    case SDLK_a: return static_cast<int>(hal::Button::Action);
    case SDLK_m: return static_cast<int>(hal::Button::MicMute);
    case SDLK_UP: case SDLK_PLUS: case SDLK_EQUALS: case SDLK_KP_PLUS: return static_cast<int>(hal::Button::VolumeUp);
    case SDLK_DOWN: case SDLK_MINUS: case SDLK_KP_MINUS: return static_cast<int>(hal::Button::VolumeDown);
    default: return -1;
    }
}

DemoInput of(DemoInput::Kind kind) {
    DemoInput in;
    in.kind = kind;
    return in;
}

} // namespace

std::string speakable(const std::string& text) {
    std::string out;
    for (char c : text) {
        const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (common::tone_modem::symbol_of(lower) >= 0) out += lower;
    }
    return out;
}

InputDecoder::InputDecoder(std::vector<ControlButton> buttons, bool speaker_enabled)
    : buttons_(std::move(buttons)), speaker_enabled_(speaker_enabled) {}

std::array<bool, hal::kButtonCount> InputDecoder::held() const {
    std::array<bool, hal::kButtonCount> out{};
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = sources_[i] != 0;
    return out;
}

void InputDecoder::hold(hal::Button b, Source s, bool down, std::vector<DemoInput>& out) {
    if (!speaker_enabled_) return;
    std::uint8_t& bits = sources_[static_cast<std::size_t>(b)];
    const bool was = bits != 0;
    bits = down ? (bits | s) : (bits & ~s);
    if (was == (bits != 0)) return;
    DemoInput in = of(down ? DemoInput::Kind::ButtonDown : DemoInput::Kind::ButtonUp);
    in.button = b;
    out.push_back(in);
}

void InputDecoder::control(const ControlButton& c, std::vector<DemoInput>& out) {
    DemoInput in = of(DemoInput::Kind::Speed);
    switch (c.control) {
    case Control::Pause: out.push_back(of(DemoInput::Kind::TogglePause)); return;
    case Control::Speed1: in.speed = 1; out.push_back(in); return;
    case Control::Speed10: in.speed = 10; out.push_back(in); return;
    case Control::Speed100: in.speed = 100; out.push_back(in); return;
    case Control::Phrase:
        if (!speaker_enabled_) return;
        in.kind = DemoInput::Kind::Say;
        in.text = kPhrases[static_cast<std::size_t>(c.phrase)];
        out.push_back(in);
        return;
    case Control::Type:
        if (!speaker_enabled_) return;
        typing_ = true;
        typed_.clear();
        out.push_back(of(DemoInput::Kind::Redraw));
        return;
    default: return;  // speaker buttons are held, not clicked
    }
}

void InputDecoder::key_down(int sym, bool repeat, std::vector<DemoInput>& out) {
    if (typing_) {
        if (sym == SDLK_RETURN || sym == SDLK_KP_ENTER) {
            typing_ = false;
            const std::string text = speakable(typed_);
            typed_.clear();
            if (!text.empty()) {
                DemoInput in = of(DemoInput::Kind::Say);
                in.text = text;
                out.push_back(in);
            }
            out.push_back(of(DemoInput::Kind::Redraw));
        } else if (sym == SDLK_ESCAPE) {
            typing_ = false;
            typed_.clear();
            out.push_back(of(DemoInput::Kind::Redraw));
        } else if (sym == SDLK_BACKSPACE && !typed_.empty()) {
            typed_.pop_back();
            out.push_back(of(DemoInput::Kind::Redraw));
        }
        return;
    }
    if (repeat) return;  // a held key is one press, however long
    if (const int b = button_for_key(sym); b >= 0) return hold(static_cast<hal::Button>(b), kKey, true, out);
    switch (sym) {
    case SDLK_ESCAPE: case SDLK_q: out.push_back(of(DemoInput::Kind::Quit)); return;
    case SDLK_SPACE: out.push_back(of(DemoInput::Kind::TogglePause)); return;
    case SDLK_F1: case SDLK_F2: case SDLK_F3: {
        DemoInput in = of(DemoInput::Kind::Speed);
        in.speed = sym == SDLK_F1 ? 1 : sym == SDLK_F2 ? 10 : 100;
        out.push_back(in);
        return;
    }
    case SDLK_RETURN: case SDLK_KP_ENTER:
        if (speaker_enabled_) {
            typing_ = true;
            typed_.clear();
            out.push_back(of(DemoInput::Kind::Redraw));
        }
        return;
    default:
        if (sym >= SDLK_1 && sym < SDLK_1 + static_cast<int>(kPhrases.size()) && speaker_enabled_) {
            DemoInput in = of(DemoInput::Kind::Say);
            in.text = kPhrases[static_cast<std::size_t>(sym - SDLK_1)];
            out.push_back(in);
        }
    }
}

void InputDecoder::key_up(int sym, std::vector<DemoInput>& out) {
    // A release always counts, typing or not, so a button never sticks down.
    if (const int b = button_for_key(sym); b >= 0) hold(static_cast<hal::Button>(b), kKey, false, out);
}

void InputDecoder::decode(const SDL_Event& e, std::vector<DemoInput>& out) {
    switch (e.type) {
    case SDL_QUIT: out.push_back(of(DemoInput::Kind::Quit)); return;
    case SDL_WINDOWEVENT:
        if (e.window.event == SDL_WINDOWEVENT_CLOSE) out.push_back(of(DemoInput::Kind::Quit));
        else if (e.window.event == SDL_WINDOWEVENT_EXPOSED || e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
            out.push_back(of(DemoInput::Kind::Redraw));
        return;
    case SDL_KEYDOWN: return key_down(e.key.keysym.sym, e.key.repeat != 0, out);
    case SDL_KEYUP: return key_up(e.key.keysym.sym, out);
    case SDL_TEXTINPUT:
        if (typing_ && typed_.size() < kMaxTyped) {
            typed_ += e.text.text;
            if (typed_.size() > kMaxTyped) typed_.resize(kMaxTyped);
            out.push_back(of(DemoInput::Kind::Redraw));
        }
        return;
    case SDL_MOUSEBUTTONDOWN: {
        if (e.button.button != SDL_BUTTON_LEFT) return;
        const auto at = control_at(buttons_, e.button.x, e.button.y);
        if (!at) return;
        const ControlButton& c = buttons_[*at];
        if (const auto b = speaker_button(c.control)) {
            if (!speaker_enabled_) return;
            mouse_button_ = static_cast<int>(*b);
            return hold(*b, kMouse, true, out);
        }
        return control(c, out);
    }
    case SDL_MOUSEBUTTONUP:
        if (e.button.button != SDL_BUTTON_LEFT || mouse_button_ < 0) return;
        hold(static_cast<hal::Button>(mouse_button_), kMouse, false, out);
        mouse_button_ = -1;
        return;
    default: return;
    }
}

} // namespace ringside::demo
