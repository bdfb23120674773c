#pragma once
// `ringside demo SCENARIO --headless --out DIR`: plays the scenario on the virtual speaker
// and films it with no display. Frames are sampled in virtual time, every speed/fps virtual
// seconds (VirtualSpeaker::sample_every), drawn by demo::OffscreenScene (SDL's software
// renderer on a surface: no video driver, no DISPLAY, no SDL_VIDEODRIVER needed, which is
// sturdier than SDL's "offscreen" video driver) and written as DIR/frame-00000.png, ... and
// one animation DIR/run.apng.
//
// Bounded output, two rules:
//  - stills are skipped: once nothing but the clocks on the panel has changed for 1 s of
//    animation (fps frames), further identical samples are not drawn until the ring or a
//    state changes (so `advance: 24h` on a dark ring is a second, not a day); the last
//    sample is always drawn, so the film ends on the run's final state;
//  - at most max_frames frames (default 1200, 2 min at 10 fps) are drawn; the scenario
//    still plays to its verdict and the summary says where the film stopped.
// Frames at least kFinestFramePeriod of virtual time apart (exit 2 otherwise).
// Deterministic: the same scenario and seed give the same files, byte for byte.
// Exit: 0 the scenario passed, 1 it failed (frames still written), 2 bad input.
// Who may call: the demo command.
#include <chrono>
#include <ostream>

#include "cli/demo_options.hpp"

namespace ringside::cli {

inline constexpr int kHeadlessDefaultFps = 10;
inline constexpr int kHeadlessDefaultMaxFrames = 1200;
// speed / fps may not go below this (virtual time between frames): the firmware latches a
// ring frame every 33 ms, and it bounds the samples of long runs (24 h: 8.64 million).
inline constexpr std::chrono::microseconds kFinestFramePeriod{10'000};

int headless_demo(const DemoOptions& options, std::ostream& out, std::ostream& err);

} // namespace ringside::cli
