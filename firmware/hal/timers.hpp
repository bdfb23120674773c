#pragma once
// One-shot timers. Expiry is delivered back into the firmware as an Event of type
// TimerExpired carrying the id, through the backend's event loop (never a callback on
// another stack), so the firmware stays single-threaded and run-to-completion.
#include <cstdint>

#include "firmware/hal/clock.hpp"

namespace ringside::hal {

// The firmware names its timers (firmware/core/timer_ids.hpp); the backend only stores them.
using TimerId = std::uint8_t;
inline constexpr TimerId kMaxTimers = 24;

class Timers {
public:
    // Arms (or re-arms, replacing the pending expiry) timer `id` to fire `delay` from now.
    virtual void arm(TimerId id, Millis delay) = 0;
    // Cancels a pending expiry; no-op when not armed.
    virtual void cancel(TimerId id) = 0;

protected:
    ~Timers() = default;
};

} // namespace ringside::hal
