#pragma once
// Time as the firmware sees it. Every wait and timeout in firmware/ goes through Clock and
// Timers; nothing reads a wall clock, so the simulator can run hours of virtual time in
// milliseconds and a board can back the same calls with its tick counter.
#include <chrono>

namespace ringside::hal {

// Milliseconds; the one time unit of firmware/.
using Millis = std::chrono::milliseconds;

class Clock {
public:
    // Monotonic time since power-on. Called by any firmware module, from dispatch only.
    virtual Millis now() const = 0;

protected:
    ~Clock() = default;
};

} // namespace ringside::hal
