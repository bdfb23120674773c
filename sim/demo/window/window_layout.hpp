#pragma once
// Where the demo window puts things: the speaker (ring) at the top left, the state panel
// under it, a column of clickable controls on the right, and a strip along the bottom with
// the key hint and the line being typed. Pure arithmetic, no SDL, so tests can aim clicks.
// Units: window pixels, origin at the top-left corner. Who may call: anyone.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "firmware/hal/buttons.hpp"
#include "sim/demo/ring_geometry.hpp"

namespace ringside::demo {

struct WindowLayout {
    int width = 0, height = 0;
    PixelRect ring;     // the speaker seen from above (RingPainter)
    PixelRect panel;    // the state panel (PanelPainter): room for 12 lines
    PixelRect column;   // the controls
    PixelRect strip;    // key hint and typed text
};

inline constexpr int kWindowWidth = 1080;
inline constexpr int kWindowHeight = 720;

WindowLayout window_layout(int width = kWindowWidth, int height = kWindowHeight);

// What a clickable control does.
enum class Control {
    Action, MicMute, VolumeUp, VolumeDown,  // the speaker's buttons: held while the mouse is down
    Pause, Speed1, Speed10, Speed100,        // time
    Phrase,                                  // says kPhrases[phrase]
    Type,                                    // starts typing an utterance
};

// What a person can say with one click or one number key (1..5): phrases the firmware or
// the cloud answers (firmware/voice/local_commands.hpp; the voice API's skills).
inline constexpr std::array<const char*, 5> kPhrases{
    "alexa what time is it", "alexa volume up", "alexa play music", "alexa good morning", "alexa stop"};

struct ControlButton {
    Control control = Control::Action;
    int phrase = -1;    // Control::Phrase only
    std::string label;  // drawn on the button
    std::string key;    // its key, drawn at the button's right edge
    PixelRect rect;
};

// The controls laid out in `layout.column`, top to bottom.
std::vector<ControlButton> control_buttons(const WindowLayout& layout);

// Section headings above groups of buttons (text, where its top-left goes).
struct Heading {
    std::string text;
    int x = 0, y = 0;
};
std::vector<Heading> control_headings(const WindowLayout& layout);

// The control under window pixel (x, y), if any (an index into `buttons`).
std::optional<std::size_t> control_at(const std::vector<ControlButton>& buttons, int x, int y);

// The speaker button a control stands for (nullopt for time, phrase and type controls).
std::optional<hal::Button> speaker_button(Control control);

// The key hint line: what each key does, for a person driving the speaker, or only time
// control and quitting while a scenario drives it.
std::string key_hint(bool scenario_drives);

} // namespace ringside::demo
