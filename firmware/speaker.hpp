#pragma once
// The firmware's single entry point. A backend constructs one Speaker per power-on over a
// Board, calls power_on() once, then feeds every event to dispatch(). Power-off is the
// backend destroying the Speaker: RAM state is gone, flash stays.
// Who may call: the backend's event loop only; never re-entrantly from inside dispatch.
#include <string_view>

#include "firmware/core/device_config.hpp"
#include "firmware/core/event.hpp"
#include "firmware/core/states.hpp"
#include "firmware/hal/board.hpp"
#include "firmware/hal/led_ring.hpp"

namespace ringside::fw {

class Speaker {
public:
    Speaker(const hal::Board& board, const DeviceConfig& config);
    ~Speaker();
    Speaker(const Speaker&) = delete;
    Speaker& operator=(const Speaker&) = delete;

    void power_on();
    void dispatch(const Event& event);

    // Observation (test face reads these; cheap, no side effects).
    DeviceState device_state() const;
    AuthState auth_state() const;
    RingPattern ring_pattern() const;
    const hal::RingFrame& ring_frame() const;   // last frame shown
    std::string_view user_code() const;         // empty unless AwaitingApproval
    std::string_view verification_uri() const;  // empty unless AwaitingApproval

private:
    // Members are plain sub-machines held by value: no heap after construction.
};

} // namespace ringside::fw
