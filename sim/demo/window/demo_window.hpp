#pragma once
// The demo's window on a display: the ring (RingPainter), the state panel (PanelPainter),
// the clickable controls, the key hint and the line being typed, drawn from a DemoPicture.
// It never touches the world: the caller turns inputs into actions and worlds into pictures.
// Frames are presented only when the picture changed (or the window was exposed), and
// waiting for the next frame sleeps in SDL's event wait, so an idle demo costs next to no CPU.
// Units: window pixels; deadlines on std::chrono::steady_clock.
// Who may call: one thread (SDL's video thread is the one that made the window).
// Header free of SDL.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/demo/demo_font.hpp"
#include "sim/demo/window/demo_input.hpp"
#include "sim/demo/window/demo_picture.hpp"
#include "sim/demo/window/window_layout.hpp"

namespace ringside::demo {

class DemoWindow {
public:
    // Opens a window titled `title` (kWindowWidth x kWindowHeight). `speaker_enabled`:
    // false when a scenario drives the speaker (its buttons are drawn dimmed and ignored).
    // Throws std::runtime_error saying why (no display: it names $DISPLAY).
    DemoWindow(const std::string& title, bool speaker_enabled, const std::string& font_path = demo_font_path());
    ~DemoWindow();
    DemoWindow(const DemoWindow&) = delete;
    DemoWindow& operator=(const DemoWindow&) = delete;

    // Waits for input until `deadline` and returns what it meant: at the first input, or
    // empty at the deadline (a deadline already past only collects what is queued).
    std::vector<DemoInput> wait(std::chrono::steady_clock::time_point deadline);

    // Draws and presents `picture`, unless it equals what is on screen and nothing asked
    // for a redraw. Returns whether a frame was presented.
    bool show(const DemoPicture& picture);

    const InputDecoder& input() const;
    const WindowLayout& layout() const;
    std::uint64_t frames_presented() const;
    // SDL's name for the renderer in use ("software", "opengl", ...).
    std::string renderer_name() const;

private:
    struct Parts;
    std::unique_ptr<Parts> parts_;
};

} // namespace ringside::demo
