#include "sim/pacing/virtual_pace.hpp"

namespace ringside::sim {

VirtualPace::VirtualPace(double speed, Wall wall, Virtual virtual_now)
    : speed_(speed > 0 ? speed : 1.0), wall0_(wall), virtual0_(virtual_now) {}

VirtualPace::Virtual VirtualPace::virtual_at(Wall wall) const {
    if (paused_ || wall <= wall0_) return virtual0_;
    const double elapsed_us = std::chrono::duration<double, std::micro>(wall - wall0_).count();
    return virtual0_ + Virtual(static_cast<Virtual::rep>(elapsed_us * speed_));
}

std::optional<VirtualPace::Wall> VirtualPace::wall_at(Virtual v) const {
    if (paused_) return std::nullopt;
    if (v <= virtual0_) return wall0_;
    const double ahead_ns = std::chrono::duration<double, std::nano>(v - virtual0_).count() / speed_;
    return wall0_ + Wall(static_cast<Wall::rep>(ahead_ns));
}

void VirtualPace::set_speed(double speed, Wall wall, Virtual virtual_now) {
    anchor(wall, virtual_now);
    if (speed > 0) speed_ = speed;
}

void VirtualPace::set_paused(bool paused, Wall wall, Virtual virtual_now) {
    anchor(wall, virtual_now);
    paused_ = paused;
}

void VirtualPace::anchor(Wall wall, Virtual virtual_now) {
    wall0_ = wall;
    virtual0_ = virtual_now;
}

} // namespace ringside::sim
