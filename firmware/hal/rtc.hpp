#pragma once
// The battery-backed real-time clock: calendar time as unix seconds (UTC). Unlike
// hal::Clock (monotonic, since power-on) it can be wrong: after a battery loss it restarts
// at 1970, and certificate checks against it then fail until the firmware sets it.
// Who may call: the auth client (reads it; sets it from a trusted-enough Date); the TLS
// layer of the transport reads it.
#include <cstdint>

namespace ringside::hal {

class RealTimeClock {
public:
    virtual std::int64_t unix_seconds() const = 0;
    virtual void set_unix_seconds(std::int64_t seconds) = 0;

protected:
    ~RealTimeClock() = default;
};

} // namespace ringside::hal
