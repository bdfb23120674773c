#pragma once
// hal::RealTimeClock of a lockstep board: battery-backed, so it keeps counting through
// power-off and follows world time (the host's clock), not the firmware's uptime. It starts
// at `starts_at_unix` when the board is made (BoardConfig's rtc_unix; 1970 after a battery
// loss) and runs at world time's rate in whole seconds — sim::VirtualRtc's arithmetic
// (world ms truncated to seconds), so both read the same second at the same instant.
// Who may call: the hal face — the firmware; unix_seconds() — the port (HttpRequest's
// device_unix, BoardPort::rtc_unix) and tests; construction — the board when it is made.
#include <chrono>
#include <cstdint>

#include "firmware/hal/rtc.hpp"
#include "hil/boards/common/event_queue.hpp"

namespace ringside::kit {

class KitRtc final : public hal::RealTimeClock {
public:
    KitRtc(const EventQueue& queue, std::int64_t starts_at_unix)
        : queue_(queue), offset_(starts_at_unix - elapsed_s()) {}

    std::int64_t unix_seconds() const override { return offset_ + elapsed_s(); }
    void set_unix_seconds(std::int64_t seconds) override { offset_ = seconds - elapsed_s(); }

private:
    std::int64_t elapsed_s() const {
        return std::chrono::duration_cast<std::chrono::seconds>(queue_.now()).count();
    }
    const EventQueue& queue_;
    std::int64_t offset_;  // unix seconds at world time 0
};

} // namespace ringside::kit
