#pragma once
// The text beside the ring: lines of "label: value" saying what the speaker is doing.
// No SDL here: the panel painter draws these, tests read them.
// Who may call: the demo window, the headless demo, tests.
#include <chrono>
#include <string>
#include <vector>

#include "sim/virtual_speaker.hpp"

namespace ringside::demo {

struct PanelLine {
    std::string label;  // e.g. "device"
    std::string value;  // e.g. "linked"; empty is drawn as a dash
};

// What the panel shows about `world` at virtual instant `at` (at >= world.now(): the world
// stands still in between, as VirtualSpeaker::sample_every hands it over): device, auth
// and ring states, the user code and verification URL while one is shown (meant for the
// person: that is what they type in), the access token's time to expiry while the speaker
// holds one, and the virtual time. Never a token, a device code or a password.
std::vector<PanelLine> speaker_panel(const sim::VirtualSpeaker& world, std::chrono::milliseconds at);

// A time left as "59:58" or "1:02:03" (whole seconds, rounded down; negatives as 0:00).
std::string format_countdown(std::chrono::milliseconds left);

} // namespace ringside::demo
