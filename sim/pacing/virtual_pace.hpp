#pragma once
// How wall time maps onto a world's virtual time (the demo window's frames, WallPacer): virtual time runs
// `speed` times as fast as wall time, or stands still while paused. Every change (speed,
// pause, resume, re-anchoring after the world fell behind) is anchored at a pair (wall now,
// virtual now), so virtual time stays continuous across it: nothing jumps, nothing repeats.
// Units: wall time as a steady-clock duration since any fixed origin, virtual time as the
// world's microseconds. Pure arithmetic, no clock is read here. Who may call: one thread.
#include <chrono>
#include <optional>

namespace ringside::sim {

class VirtualPace {
public:
    using Wall = std::chrono::nanoseconds;
    using Virtual = std::chrono::microseconds;

    // `speed` > 0 virtual seconds per wall second; anchored at (wall, virtual).
    VirtualPace(double speed, Wall wall, Virtual virtual_now);

    // Where virtual time stands at `wall` (>= the last anchor's wall time).
    Virtual virtual_at(Wall wall) const;
    // When virtual instant `v` is due on the wall clock; nullopt while paused (never).
    std::optional<Wall> wall_at(Virtual v) const;

    // Each re-anchors at (wall, virtual_now): `virtual_now` is where the world stands.
    void set_speed(double speed, Wall wall, Virtual virtual_now);
    void set_paused(bool paused, Wall wall, Virtual virtual_now);
    void anchor(Wall wall, Virtual virtual_now);

    double speed() const { return speed_; }
    bool paused() const { return paused_; }

private:
    double speed_;
    bool paused_ = false;
    Wall wall0_;
    Virtual virtual0_;
};

} // namespace ringside::sim
