#include "firmware/speaker.hpp"

#include "firmware/attention/ring_policy.hpp"
#include "firmware/buttons/button_names.hpp"
#include "firmware/core/timer_ids.hpp"

namespace ringside::fw {

Speaker::Speaker(const hal::Board& board, const DeviceConfig& config)
    : board_(board),
      tracer_(board.trace, board.clock),
      attention_(board.ring, tracer_),
      action_(board.timers, tracer_),
      store_(board.flash, board.crypto),
      auth_(board, config, tracer_, scratch_),
      lifecycle_(board, tracer_, store_, auth_),
      voice_(board, tracer_, auth_, config.issuer, scratch_),
      reporter_(board.setup, tracer_),
      settings_(board, config, tracer_, scratch_) {}

Speaker::~Speaker() = default;

void Speaker::power_on() {
    if (powered_) return;
    powered_ = true;
    lifecycle_.handle(DeviceLifecycle::Input::PowerOn);
    voice_.power_on();
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
        case EventType::WifiFailed:
            lifecycle_.handle(event.wifi_failure == hal::WifiFailure::Lost ? DeviceLifecycle::Input::WifiLost
                                                                           : DeviceLifecycle::Input::WifiFailed);
            break;
        case EventType::HttpDone:
            if (voice_.owns_request(event.request)) {
                voice_.on_http(event.response);
                if (voice_.take_token_rejection()) on_auth(auth_.access_token_rejected());
            } else if (SettingsSync::owns_request(event.request)) {
                settings_.on_http(event.response, lifecycle_.state(), auth_.access_token());
            } else {
                on_auth(auth_.on_http(event.request, event.response));
            }
            break;
        case EventType::SpeechDone: voice_.on_speech_done(); break;
        case EventType::MicFrame: voice_.on_mic_frame(event.mic); break;
    }
    reporter_.observe(event, lifecycle_.state(), auth_.state());
    settings_.observe(lifecycle_.state(), auth_.access_token());
    update_ring();
}

void Speaker::on_timer(hal::TimerId id) {
    if (id == timer::kActionHold) {
        if (action_.handle(ActionButton::Input::HoldTimer) == ActionButton::Outcome::FactoryReset) {
            lifecycle_.handle(DeviceLifecycle::Input::FactoryReset);
            voice_.factory_reset();
        }
    } else if (AuthClient::owns_timer(id)) {
        on_auth(auth_.on_timer(id));
    } else if (SettingsSync::owns_timer(id)) {
        settings_.on_timer(id, lifecycle_.state(), auth_.access_token());
    } else if (DeviceLifecycle::owns_timer(id)) {
        lifecycle_.on_timer(id);
    } else if (VoiceAssistant::owns_timer(id)) {
        voice_.on_timer(id);
    }
}

void Speaker::access_token_rejected() {
    if (!powered_) return;
    on_auth(auth_.access_token_rejected());
    update_ring();
}

void Speaker::on_button(const Event& event) {
    const bool down = event.type == EventType::ButtonDown;
    if (event.button != hal::Button::Action) {
        tracer_.emit("button", down ? "down" : "up", to_string(event.button));
        if (down) voice_.on_button(event.button);
        return;
    }
    const auto outcome = action_.handle(down ? ActionButton::Input::Down : ActionButton::Input::Up);
    if (outcome == ActionButton::Outcome::ShortPress) lifecycle_.handle(DeviceLifecycle::Input::RetrySignIn);
}

void Speaker::on_auth(AuthNotice notice) {
    // Signed out: the voice side ends first (its request, its late answer, its reply and
    // Follow-Up), so the lifecycle's sign-out announcement is the only thing said.
    if (notice == AuthNotice::GrantRevoked) voice_.signed_out();
    lifecycle_.on_auth(notice);
}

void Speaker::update_ring() {
    RingPattern pattern = attention::ring_pattern_for(
        attention::RingInputs{lifecycle_.state(), auth_.state(), lifecycle_.wifi_error_shown(),
                             lifecycle_.signed_out_shown(), auth_.cloud_unreachable(), lifecycle_.rejoining()});
    // The voice side (mute, volume, a conversation) shows over anything but booting.
    RingPattern voice_pattern{};
    if (lifecycle_.state() != DeviceState::Booting && voice_.ring_override(voice_pattern)) pattern = voice_pattern;
    attention_.show(pattern);
}

DeviceState Speaker::device_state() const { return lifecycle_.state(); }
AuthState Speaker::auth_state() const { return auth_.state(); }
RingPattern Speaker::ring_pattern() const { return attention_.pattern(); }
hal::RingFrame Speaker::ring_frame() const { return attention_.frame_now(); }

void Speaker::refresh_ring() {
    if (powered_) attention_.refresh();
}
std::string_view Speaker::user_code() const { return auth_.user_code(); }
const DeviceSettings& Speaker::settings() const { return settings_.settings(); }
std::string_view Speaker::verification_uri() const { return auth_.verification_uri(); }

} // namespace ringside::fw
