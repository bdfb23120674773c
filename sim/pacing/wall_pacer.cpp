#include "sim/pacing/wall_pacer.hpp"

#include <algorithm>

namespace ringside::sim {

WallPacer::WallPacer(VirtualSpeaker& world, WallClock::time_point wall_now, double speed)
    : world_(world), speed_(speed > 0 ? speed : 1.0) {
    anchor(wall_now, world_.now());
}

void WallPacer::anchor(WallClock::time_point wall_now, Millis virtual_now) {
    wall_anchor_ = wall_now;
    virtual_anchor_ = virtual_now;
}

Millis WallPacer::ideal(WallClock::time_point wall_now) const {
    if (paused_) return virtual_anchor_;
    const double wall_us = static_cast<double>(
        std::chrono::duration_cast<std::chrono::microseconds>(wall_now - wall_anchor_).count());
    return virtual_anchor_ + Millis(static_cast<Millis::rep>(wall_us * speed_ / 1000.0));
}

Millis WallPacer::target(WallClock::time_point wall_now) const { return std::max(ideal(wall_now), world_.now()); }

Millis WallPacer::lag(WallClock::time_point wall_now) const { return target(wall_now) - world_.now(); }

bool WallPacer::advance(WallClock::time_point wall_now, std::chrono::milliseconds budget) {
    const Millis to = target(wall_now);
    if (to <= world_.now()) return true;
    // The budget is measured on the real clock: it bounds the caller's frame, whatever the
    // instants passed in say.
    // At least one event runs per call, so a world always moves, however small the budget.
    const auto give_up = WallClock::now() + budget;
    bool first_check = true;
    world_.run_until(to, [&] {
        if (first_check) {
            first_check = false;
            return false;
        }
        return WallClock::now() >= give_up;
    });
    return world_.now() >= to;
}

void WallPacer::slip(WallClock::time_point wall_now) { anchor(wall_now, world_.now()); }

void WallPacer::set_speed(double speed, WallClock::time_point wall_now) {
    if (!(speed > 0)) return;
    anchor(wall_now, ideal(wall_now));
    speed_ = speed;
}

void WallPacer::pause(WallClock::time_point wall_now) {
    if (paused_) return;
    anchor(wall_now, ideal(wall_now));
    paused_ = true;
}

void WallPacer::resume(WallClock::time_point wall_now) {
    if (!paused_) return;
    paused_ = false;
    anchor(wall_now, virtual_anchor_);
}

} // namespace ringside::sim
