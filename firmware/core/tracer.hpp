#pragma once
// Stamps trace records with the clock so modules emit one line, not four. Callers pass
// only names and non-secret details: never a token, code, password or one-time code.
// Who may call: any firmware module, during dispatch.
#include <string_view>

#include "firmware/hal/clock.hpp"
#include "firmware/hal/trace.hpp"

namespace ringside::fw {

class Tracer {
public:
    Tracer(hal::TraceSink& sink, const hal::Clock& clock) : sink_(sink), clock_(clock) {}

    void emit(std::string_view category, std::string_view event, std::string_view detail) const {
        sink_.emit(hal::TraceRecord{clock_.now(), category, event, detail});
    }

    hal::Millis now() const { return clock_.now(); }

private:
    hal::TraceSink& sink_;
    const hal::Clock& clock_;
};

} // namespace ringside::fw
