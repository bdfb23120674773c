#pragma once
// Structured trace records: what scenarios assert on and reports are built from.
// Records never carry tokens, passwords or one-time codes.
#include <string_view>

#include "firmware/hal/clock.hpp"

namespace ringside::hal {

struct TraceRecord {
    Millis at{0};               // Clock::now() when emitted
    std::string_view category;  // "device", "auth", "ring", "http", "button", "storage", "wifi", "log"
    std::string_view event;     // e.g. "state", "pattern", "request", "response", "press"
    std::string_view detail;    // e.g. "awaiting_approval", "POST /oauth2/token 400 authorization_pending"
};

class TraceSink {
public:
    // Views need only live for the call; the sink copies what it keeps.
    virtual void emit(const TraceRecord& record) = 0;

protected:
    ~TraceSink() = default;
};

} // namespace ringside::hal
