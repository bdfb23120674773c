#pragma once
// Runs a virtual world paced to the wall clock: the world's virtual time follows
//     anchor + (wall - wall anchor) x speed
// in bounded slices, so a main loop that calls advance() once per frame stays responsive.
// This is the one place the simulator reads wall time on purpose (the demo window, and
// sign-in against a real issuer, which counts real time: speed 1 there). Scenarios and
// tests of the firmware never use it; they run in virtual time alone.
// Changing speed, pausing and resuming re-anchor at the given wall instant, so virtual time
// never jumps and never runs backwards.
// Who may call: the world's thread (the window's main loop, `ringside signin`). Wall instants
// are std::chrono::steady_clock's; the caller passes them in, so tests can drive a pacer
// with made-up instants.
#include <chrono>

#include "sim/pacing/virtual_pace.hpp"
#include "sim/virtual_speaker.hpp"

namespace ringside::sim {

class WallPacer {
public:
    using WallClock = std::chrono::steady_clock;

    // Paces `world` (which must outlive the pacer) from its current virtual time, as of wall
    // instant `wall_now`, at `speed` virtual seconds per wall second (> 0; else 1).
    WallPacer(VirtualSpeaker& world, WallClock::time_point wall_now, double speed = 1.0);

    // Runs the world's events up to the virtual instant that matches `wall_now`, but spends
    // at most about `budget` of wall time doing so (checked after each event, and at least
    // one event runs per call, so the world always moves; one event that
    // blocks, such as a real HTTP exchange, is not cut short). True when the world got
    // there; false when it is behind (the next call goes on from where it stopped).
    bool advance(WallClock::time_point wall_now, std::chrono::milliseconds budget = std::chrono::milliseconds(8));

    // The virtual time the world should stand at for `wall_now` (not before the world's now).
    Millis target(WallClock::time_point wall_now) const;
    // How far the world is behind that target (0 when it is there).
    Millis lag(WallClock::time_point wall_now) const;
    // Gives up the lag: from `wall_now` on, the world's current time is the target. For a
    // world too busy to keep up at its speed (the window at 100x); never against a real
    // issuer, whose clock would then run ahead of the world's.
    void slip(WallClock::time_point wall_now);

    void set_speed(double speed, WallClock::time_point wall_now);  // > 0; other values are ignored
    double speed() const { return pace_.speed(); }
    // Paused, the target stands still (advance() still runs what is due up to it).
    void pause(WallClock::time_point wall_now);
    void resume(WallClock::time_point wall_now);
    bool paused() const { return pace_.paused(); }

private:
    // Virtual time the world should be at, ignoring where it is.
    Millis ideal(WallClock::time_point wall_now) const;

    VirtualSpeaker& world_;
    VirtualPace pace_;
};

} // namespace ringside::sim
