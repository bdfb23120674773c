// How the window reads a person: SDL events (made here as SDL would deliver them, no display
// needed) decoded into button edges, speech, time controls and quit.
#include <catch2/catch.hpp>

#include <SDL.h>

#include <cstring>

#include "sim/demo/window/demo_input.hpp"

namespace ringside::demo {
namespace {

SDL_Event key(Uint32 type, SDL_Keycode sym, bool repeat = false) {
    SDL_Event e;
    std::memset(&e, 0, sizeof e);
    e.type = type;
    e.key.keysym.sym = sym;
    e.key.repeat = repeat ? 1 : 0;
    return e;
}
SDL_Event text(const char* t) {
    SDL_Event e;
    std::memset(&e, 0, sizeof e);
    e.type = SDL_TEXTINPUT;
    std::strncpy(e.text.text, t, sizeof e.text.text - 1);
    return e;
}
SDL_Event mouse(Uint32 type, const PixelRect& r) {
    SDL_Event e;
    std::memset(&e, 0, sizeof e);
    e.type = type;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.x = r.x + r.w / 2;
    e.button.y = r.y + r.h / 2;
    return e;
}

std::vector<DemoInput> feed(InputDecoder& d, std::initializer_list<SDL_Event> events) {
    std::vector<DemoInput> out;
    for (const SDL_Event& e : events) d.decode(e, out);
    return out;
}

const PixelRect& rect_of(const InputDecoder& d, Control c) {
    for (const ControlButton& b : d.buttons())
        if (b.control == c) return b.rect;
    throw std::logic_error("no such control");
}

} // namespace

TEST_CASE("a held key is one press however long, and a button held by key and mouse goes up when both let go", "[demo_window][input]") {
    InputDecoder d(control_buttons(window_layout()), true);
    auto out = feed(d, {key(SDL_KEYDOWN, SDLK_a), key(SDL_KEYDOWN, SDLK_a, true), key(SDL_KEYDOWN, SDLK_a, true)});
    REQUIRE(out.size() == 1);
    CHECK(out[0].kind == DemoInput::Kind::ButtonDown);
    CHECK(out[0].button == hal::Button::Action);
    CHECK(d.held()[static_cast<std::size_t>(hal::Button::Action)]);

    // The mouse on "Action" too: no second edge; the key lets go: still down.
    const PixelRect& action = rect_of(d, Control::Action);
    CHECK(feed(d, {mouse(SDL_MOUSEBUTTONDOWN, action), key(SDL_KEYUP, SDLK_a)}).empty());
    out = feed(d, {mouse(SDL_MOUSEBUTTONUP, action)});
    REQUIRE(out.size() == 1);
    CHECK(out[0].kind == DemoInput::Kind::ButtonUp);
    CHECK_FALSE(d.held()[static_cast<std::size_t>(hal::Button::Action)]);
}

TEST_CASE("typing collects an utterance the microphone can carry: Enter says it, Esc drops it", "[demo_window][input]") {
    InputDecoder d(control_buttons(window_layout()), true);
    feed(d, {key(SDL_KEYDOWN, SDLK_RETURN)});
    REQUIRE(d.typing());
    // While typing, M types an m instead of muting.
    auto out = feed(d, {key(SDL_KEYDOWN, SDLK_m), text("Alexa, "), text("play M\xC3\xBCsic!")});
    for (const DemoInput& in : out) CHECK(in.kind == DemoInput::Kind::Redraw);
    CHECK(d.typed() == "Alexa, play M\xC3\xBCsic!");
    out = feed(d, {key(SDL_KEYDOWN, SDLK_RETURN)});
    REQUIRE_FALSE(out.empty());
    CHECK(out[0].kind == DemoInput::Kind::Say);
    CHECK(out[0].text == "alexa, play msic");
    CHECK_FALSE(d.typing());

    feed(d, {key(SDL_KEYDOWN, SDLK_RETURN), text("stop")});
    out = feed(d, {key(SDL_KEYDOWN, SDLK_ESCAPE)});
    for (const DemoInput& in : out) CHECK(in.kind != DemoInput::Kind::Say);
    CHECK_FALSE(d.typing());
    // Esc outside typing quits; number keys say the listed phrases.
    out = feed(d, {key(SDL_KEYDOWN, SDLK_2), key(SDL_KEYDOWN, SDLK_ESCAPE)});
    REQUIRE(out.size() == 2);
    CHECK(out[0].text == kPhrases[1]);
    CHECK(out[1].kind == DemoInput::Kind::Quit);
}

TEST_CASE("while a scenario drives the speaker only time control and quit get through", "[demo_window][input]") {
    InputDecoder d(control_buttons(window_layout()), false);
    CHECK(feed(d, {key(SDL_KEYDOWN, SDLK_m), key(SDL_KEYUP, SDLK_m), key(SDL_KEYDOWN, SDLK_1), key(SDL_KEYDOWN, SDLK_RETURN),
                   mouse(SDL_MOUSEBUTTONDOWN, rect_of(d, Control::Action))})
              .empty());
    CHECK_FALSE(d.typing());
    const auto out = feed(d, {key(SDL_KEYDOWN, SDLK_SPACE), key(SDL_KEYDOWN, SDLK_F3), mouse(SDL_MOUSEBUTTONDOWN, rect_of(d, Control::Speed10))});
    REQUIRE(out.size() == 3);
    CHECK(out[0].kind == DemoInput::Kind::TogglePause);
    CHECK(out[1].speed == 100);
    CHECK(out[2].speed == 10);
}

} // namespace ringside::demo
