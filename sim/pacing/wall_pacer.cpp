#include "sim/pacing/wall_pacer.hpp"

#include <algorithm>

namespace ringside::sim {

namespace {

VirtualPace::Wall since_origin(WallPacer::WallClock::time_point t) { return t.time_since_epoch(); }

} // namespace

WallPacer::WallPacer(VirtualSpeaker& world, WallClock::time_point wall_now, double speed)
    : world_(world), pace_(speed, since_origin(wall_now), world.now()) {}

Millis WallPacer::ideal(WallClock::time_point wall_now) const {
    return std::chrono::duration_cast<Millis>(pace_.virtual_at(since_origin(wall_now)));
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

void WallPacer::slip(WallClock::time_point wall_now) { pace_.anchor(since_origin(wall_now), world_.now()); }

void WallPacer::set_speed(double speed, WallClock::time_point wall_now) {
    if (!(speed > 0)) return;
    pace_.set_speed(speed, since_origin(wall_now), pace_.virtual_at(since_origin(wall_now)));
}

void WallPacer::pause(WallClock::time_point wall_now) {
    if (pace_.paused()) return;
    pace_.set_paused(true, since_origin(wall_now), pace_.virtual_at(since_origin(wall_now)));
}

void WallPacer::resume(WallClock::time_point wall_now) {
    if (!pace_.paused()) return;
    pace_.set_paused(false, since_origin(wall_now), pace_.virtual_at(since_origin(wall_now)));
}

} // namespace ringside::sim
