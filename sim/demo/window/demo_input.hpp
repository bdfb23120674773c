#pragma once
// What a person did in the demo window, decoded from SDL's events: a speaker button went
// down or up (keys and mouse alike; a button held by both goes up when both let go),
// something to say, a time control, quit. Typing an utterance is a mode: Enter starts it,
// typed characters collect, Enter says it, Esc drops it; while typing, letter keys type
// instead of pressing buttons. Who may call: the demo window, on SDL's thread.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "firmware/hal/buttons.hpp"
#include "sim/demo/window/window_layout.hpp"

union SDL_Event;

namespace ringside::demo {

struct DemoInput {
    enum class Kind { Quit, ButtonDown, ButtonUp, Say, TogglePause, Speed, Redraw };
    Kind kind = Kind::Redraw;
    hal::Button button = hal::Button::Action;  // ButtonDown, ButtonUp
    std::string text;                          // Say
    double speed = 1;                          // Speed
};

class InputDecoder {
public:
    // `buttons`: where the clickable controls are (control_buttons()); `speaker_enabled`:
    // false while a scenario drives the speaker (only time control and quit then).
    InputDecoder(std::vector<ControlButton> buttons, bool speaker_enabled);

    // Appends what `event` means to `out` (often nothing).
    void decode(const SDL_Event& event, std::vector<DemoInput>& out);

    bool typing() const { return typing_; }
    const std::string& typed() const { return typed_; }
    // Which speaker buttons are down now (by key or mouse), indexed by hal::Button.
    std::array<bool, hal::kButtonCount> held() const;
    const std::vector<ControlButton>& buttons() const { return buttons_; }

private:
    enum Source : std::uint8_t { kKey = 1, kMouse = 2 };
    void hold(hal::Button b, Source s, bool down, std::vector<DemoInput>& out);
    void control(const ControlButton& c, std::vector<DemoInput>& out);
    void key_down(int sym, bool repeat, std::vector<DemoInput>& out);
    void key_up(int sym, std::vector<DemoInput>& out);

    std::vector<ControlButton> buttons_;
    bool speaker_enabled_;
    bool typing_ = false;
    std::string typed_;
    std::array<std::uint8_t, hal::kButtonCount> sources_{};  // Source bits per button
    int mouse_button_ = -1;                                   // the speaker button the mouse holds
};

// `text` reduced to what the microphone can carry (letters, digits, space, ' ? . , -),
// letters in lower case; other characters dropped.
std::string speakable(const std::string& text);

} // namespace ringside::demo
