#pragma once
// Everything one frame of the demo window shows, as plain data: the window draws it, and
// skips drawing when a frame equals the one on screen (the CPU budget at 1x).
// Who may call: anyone.
#include <array>
#include <string>
#include <vector>

#include "firmware/hal/buttons.hpp"
#include "firmware/hal/led_ring.hpp"
#include "sim/demo/panel_lines.hpp"

namespace ringside::demo {

struct DemoPicture {
    hal::RingFrame leds{};
    std::vector<PanelLine> panel;                     // the state panel, top to bottom
    std::array<bool, hal::kButtonCount> held{};       // speaker buttons down, by hal::Button
    double action_hold = 0;                           // 0..1: how far a held Action is toward the 25 s reset
    bool speaker_enabled = true;                      // false: a scenario drives the speaker
    bool paused = false;
    double speed = 1;                                 // virtual seconds per wall second
    bool typing = false;
    std::string typed;                                // the utterance being typed
    std::string hint;                                 // the key hint line
    std::vector<std::string> notes;                   // short lines under the controls
};

bool operator==(const DemoPicture& a, const DemoPicture& b);
inline bool operator!=(const DemoPicture& a, const DemoPicture& b) { return !(a == b); }

} // namespace ringside::demo
