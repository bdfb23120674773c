#include "firmware/buttons/action_button.hpp"

#include "firmware/core/timer_ids.hpp"

namespace ringside::fw {

ActionButton::Outcome ActionButton::handle(Input input) {
    switch (input) {
        case Input::Down:
            tracer_.emit("button", "down", "action");
            // A repeated down edge (a glitch the backend let through) must not restart the hold.
            if (state_ != State::Released) return Outcome::None;
            state_ = State::Held;
            timers_.arm(timer::kActionHold, kFactoryResetHold);
            return Outcome::None;

        case Input::Up: {
            tracer_.emit("button", "up", "action");
            const State was = state_;
            state_ = State::Released;
            if (was != State::Held) return Outcome::None;
            timers_.cancel(timer::kActionHold);
            tracer_.emit("button", "press", "action");
            return Outcome::ShortPress;
        }

        case Input::HoldTimer:
            if (state_ != State::Held) return Outcome::None;
            state_ = State::HoldDone;
            tracer_.emit("button", "hold", "action");
            return Outcome::FactoryReset;
    }
    return Outcome::None;
}

} // namespace ringside::fw
