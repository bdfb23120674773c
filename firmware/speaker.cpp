#include "firmware/speaker.hpp"

#include "firmware/attention/ring_policy.hpp"
#include "firmware/buttons/button_names.hpp"
#include "firmware/core/timer_ids.hpp"

namespace ringside::fw {

Speaker::Speaker(const hal::Board& board, const DeviceConfig& config)
    : board_(board),
      tracer_(board.trace, board.clock),
      attention_(board.ring, board.timers, tracer_),
      action_(board.timers, tracer_),
      store_(board.flash, board.crypto),
      auth_(board, config, tracer_),
      lifecycle_(board, tracer_, store_, auth_) {}

Speaker::~Speaker() = default;

void Speaker::power_on() {
    if (powered_) return;
    powered_ = true;
    lifecycle_.handle(DeviceLifecycle::Input::PowerOn);
    update_ring();
}

void Speaker::dispatch(const Event& event) {
    if (!powered_) return;
    switch (event.type) {
        case EventType::TimerExpired: on_timer(event.timer); break;
        case EventType::ButtonDown:
        case EventType::ButtonUp: on_button(event); break;
        case EventType::SetupCredentials:
            lifecycle_.handle(DeviceLifecycle::Input::Credentials, &event.setup);
            break;
        case EventType::WifiJoined: lifecycle_.handle(DeviceLifecycle::Input::WifiJoined); break;
        case EventType::WifiFailed: lifecycle_.handle(DeviceLifecycle::Input::WifiFailed); break;
        case EventType::HttpDone: lifecycle_.on_auth(auth_.on_http(event.request, event.response)); break;
        case EventType::SpeechDone: break;
    }
    update_ring();
}

void Speaker::on_timer(hal::TimerId id) {
    if (id == timer::kRingFrame) {
        attention_.on_frame_timer();
    } else if (id == timer::kActionHold) {
        if (action_.handle(ActionButton::Input::HoldTimer) == ActionButton::Outcome::FactoryReset) {
            lifecycle_.handle(DeviceLifecycle::Input::FactoryReset);
            // The reset cancelled every timer, the ring's frame timer included.
            attention_.rearm();
        }
    } else if (AuthClient::owns_timer(id)) {
        lifecycle_.on_auth(auth_.on_timer(id));
    } else if (DeviceLifecycle::owns_timer(id)) {
        lifecycle_.on_timer(id);
    }
}

void Speaker::access_token_rejected() {
    if (!powered_) return;
    lifecycle_.on_auth(auth_.access_token_rejected());
    update_ring();
}

void Speaker::on_button(const Event& event) {
    const bool down = event.type == EventType::ButtonDown;
    if (event.button != hal::Button::Action) {
        tracer_.emit("button", down ? "down" : "up", to_string(event.button));
        return;
    }
    const auto outcome = action_.handle(down ? ActionButton::Input::Down : ActionButton::Input::Up);
    if (outcome == ActionButton::Outcome::ShortPress) lifecycle_.handle(DeviceLifecycle::Input::RetrySignIn);
}

void Speaker::update_ring() {
    attention_.show(attention::ring_pattern_for(
        attention::RingInputs{lifecycle_.state(), auth_.state(), lifecycle_.wifi_error_shown(),
                             lifecycle_.signed_out_shown()}));
}

DeviceState Speaker::device_state() const { return lifecycle_.state(); }
AuthState Speaker::auth_state() const { return auth_.state(); }
RingPattern Speaker::ring_pattern() const { return attention_.pattern(); }
const hal::RingFrame& Speaker::ring_frame() const { return attention_.frame(); }
std::string_view Speaker::user_code() const { return auth_.user_code(); }
std::string_view Speaker::verification_uri() const { return auth_.verification_uri(); }

} // namespace ringside::fw
