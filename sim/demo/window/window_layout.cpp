#include "sim/demo/window/window_layout.hpp"

#include <algorithm>

namespace ringside::demo {
namespace {

constexpr int kColumnWidth = 280;
constexpr int kStripHeight = 52;
constexpr int kPanelHeight = 300;  // 12 lines of the panel's 15 px font (23 px each) and its padding
constexpr int kMargin = 14;
constexpr int kButtonHeight = 32;
constexpr int kGap = 6;
constexpr int kHeadingHeight = 24;

bool inside(const PixelRect& r, int x, int y) { return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h; }

} // namespace

WindowLayout window_layout(int width, int height) {
    WindowLayout l;
    l.width = width;
    l.height = height;
    const int left_w = std::max(0, width - kColumnWidth);
    const int body_h = std::max(0, height - kStripHeight);
    const int panel_h = std::min(kPanelHeight, body_h / 2);
    l.ring = {0, 0, left_w, body_h - panel_h};
    l.panel = {0, body_h - panel_h, left_w, panel_h};
    l.column = {left_w, 0, width - left_w, body_h};
    l.strip = {0, body_h, width, height - body_h};
    return l;
}

std::vector<Heading> control_headings(const WindowLayout& layout) {
    const int x = layout.column.x + kMargin;
    const int speaker_y = layout.column.y + kMargin;
    const int time_y = speaker_y + kHeadingHeight + 4 * (kButtonHeight + kGap) + kGap;
    const int say_y = time_y + kHeadingHeight + kButtonHeight + 2 * kGap;
    return {{"speaker buttons", x, speaker_y}, {"time", x, time_y}, {"say to the microphone", x, say_y}};
}

std::vector<ControlButton> control_buttons(const WindowLayout& layout) {
    const std::vector<Heading> headings = control_headings(layout);
    const int x = layout.column.x + kMargin;
    const int w = layout.column.w - 2 * kMargin;
    std::vector<ControlButton> out;
    int y = headings[0].y + kHeadingHeight;
    const auto row = [&](Control c, std::string label, std::string key, int phrase = -1) {
        out.push_back({c, phrase, std::move(label), std::move(key), {x, y, w, kButtonHeight}});
        y += kButtonHeight + kGap;
    };
    row(Control::Action, "Action (hold 25 s: reset)", "A");
    row(Control::MicMute, "Mic mute", "M");
    row(Control::VolumeUp, "Volume up", "Up");
    row(Control::VolumeDown, "Volume down", "Down");

    y = headings[1].y + kHeadingHeight;
    const int small_w = (w - 3 * kGap) / 4;
    const std::pair<Control, const char*> speeds[] = {
        {Control::Pause, "pause"}, {Control::Speed1, "1x"}, {Control::Speed10, "10x"}, {Control::Speed100, "100x"}};
    const char* keys[] = {"Space", "F1", "F2", "F3"};
    for (int i = 0; i < 4; ++i)
        out.push_back({speeds[i].first, -1, speeds[i].second, keys[i], {x + i * (small_w + kGap), y, small_w, kButtonHeight}});

    y = headings[2].y + kHeadingHeight;
    for (std::size_t i = 0; i < kPhrases.size(); ++i) row(Control::Phrase, kPhrases[i], std::to_string(i + 1), static_cast<int>(i));
    row(Control::Type, "type something...", "Enter");
    return out;
}

std::optional<std::size_t> control_at(const std::vector<ControlButton>& buttons, int x, int y) {
    for (std::size_t i = 0; i < buttons.size(); ++i)
        if (inside(buttons[i].rect, x, y)) return i;
    return std::nullopt;
}

std::optional<hal::Button> speaker_button(Control control) {
    switch (control) {
    case Control::Action: return hal::Button::Action;
    case Control::MicMute: return hal::Button::MicMute;
    case Control::VolumeUp: return hal::Button::VolumeUp;
    case Control::VolumeDown: return hal::Button::VolumeDown;
    default: return std::nullopt;
    }
}

std::string key_hint(bool scenario_drives) {
    const std::string time = "Space pause  F1 1x  F2 10x  F3 100x  Esc quit";
    if (scenario_drives) return "a scenario drives the speaker:  " + time;
    return "A Action (hold)  M mic mute  Up/Down volume  1-5 say a phrase  Enter type, Enter says it  " + time;
}

} // namespace ringside::demo
