#pragma once
// Draws a hal::RingFrame as the speaker seen from above: its dark top, the ring body, and
// each LED as a bright core in the LED's colour with a soft glow around it. Glows are added
// to what lies below (light adds up where neighbours overlap); a core is its LED's colour
// at its centre; an unlit (black) LED shows only its dark lens.
// Units: canvas pixels. Who may call: the demo window and the offscreen scene, on the
// thread that owns the renderer. Header free of SDL: only pointers to its types.
#include "firmware/hal/led_ring.hpp"
#include "sim/demo/ring_geometry.hpp"

struct SDL_Renderer;
struct SDL_Texture;

namespace ringside::demo {

class RingPainter {
public:
    // Prepares textures for drawing into `area` on `renderer` (which must outlive the
    // painter; any SDL renderer: a window's or a software one on a surface). A few tens of
    // milliseconds for an 800x600 canvas: make a new painter when the area changes, not per
    // frame. Throws std::runtime_error with SDL's reason when a texture cannot be made.
    RingPainter(SDL_Renderer* renderer, PixelRect area);
    ~RingPainter();
    RingPainter(const RingPainter&) = delete;
    RingPainter& operator=(const RingPainter&) = delete;

    // Draws every pixel of the area (nothing outside it). Does not present.
    void paint(const hal::RingFrame& frame);

    const RingGeometry& geometry() const { return geometry_; }
    PixelRect area() const { return area_; }

private:
    SDL_Renderer* renderer_;
    PixelRect area_;
    RingGeometry geometry_;
    SDL_Texture* base_ = nullptr;  // background, top, body, lenses
    SDL_Texture* glow_ = nullptr;
    SDL_Texture* core_ = nullptr;
    int glow_size_ = 0, core_size_ = 0;
};

} // namespace ringside::demo
