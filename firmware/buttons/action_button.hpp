#pragma once
// The Action button: a short press (released before kFactoryResetHold) or a hold that
// reaches kFactoryResetHold. The hold is reported the moment it reaches 25 s, while the
// button is still down, as on an Echo: the customer sees the ring change and lets go.
// Who may call: the Speaker, with Action's edges and timer::kActionHold.
#include <cstdint>

#include "firmware/core/tracer.hpp"
#include "firmware/hal/clock.hpp"
#include "firmware/hal/timers.hpp"

namespace ringside::fw {

inline constexpr hal::Millis kFactoryResetHold{25'000};

class ActionButton {
public:
    enum class State : std::uint8_t {
        Released,
        Held,      // down, hold timer running
        HoldDone,  // the hold already fired; the release that follows is no press
    };
    enum class Input : std::uint8_t { Down, Up, HoldTimer };
    enum class Outcome : std::uint8_t { None, ShortPress, FactoryReset };

    ActionButton(hal::Timers& timers, const Tracer& tracer) : timers_(timers), tracer_(tracer) {}

    // The machine's one transition function.
    Outcome handle(Input input);

    State state() const { return state_; }

private:
    hal::Timers& timers_;
    const Tracer& tracer_;
    State state_ = State::Released;
};

} // namespace ringside::fw
