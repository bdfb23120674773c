#pragma once
// hal::RealTimeClock over virtual time: battery-backed, so it belongs to the world and keeps
// counting through power-off. It starts wherever the scenario says (default 1970, as after
// a battery loss) and runs at the virtual clock's rate; set_unix_seconds() moves it.
// Who may call: the hal face — the firmware; construction and reading — the world and tests.
#include <cstdint>

#include "firmware/hal/rtc.hpp"
#include "sim/clock/scheduler.hpp"

namespace ringside::sim {

class VirtualRtc final : public hal::RealTimeClock {
public:
    VirtualRtc(const Scheduler& scheduler, std::int64_t starts_at_unix)
        : scheduler_(scheduler), offset_(starts_at_unix - elapsed_s()) {}

    std::int64_t unix_seconds() const override { return offset_ + elapsed_s(); }
    void set_unix_seconds(std::int64_t seconds) override { offset_ = seconds - elapsed_s(); }

private:
    std::int64_t elapsed_s() const {
        return std::chrono::duration_cast<std::chrono::seconds>(scheduler_.now()).count();
    }
    const Scheduler& scheduler_;
    std::int64_t offset_;
};

} // namespace ringside::sim
