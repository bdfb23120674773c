#pragma once
// The firmware's single entry point. A backend constructs one Speaker per power-on over a
// Board, calls power_on() once, then feeds every event to dispatch(). Power-off is the
// backend destroying the Speaker: RAM state is gone, flash stays.
// Who may call: the backend's event loop only; never re-entrantly from inside dispatch.
#include <string_view>

#include "firmware/attention/attention.hpp"
#include "firmware/auth/auth_client.hpp"
#include "firmware/auth/token_store.hpp"
#include "firmware/buttons/action_button.hpp"
#include "firmware/core/device_config.hpp"
#include "firmware/core/event.hpp"
#include "firmware/core/states.hpp"
#include "firmware/hal/board.hpp"
#include "firmware/hal/led_ring.hpp"
#include "firmware/core/tracer.hpp"
#include "firmware/lifecycle/device_lifecycle.hpp"
#include "firmware/core/request_buffer.hpp"
#include "firmware/voice/voice_assistant.hpp"
#include "firmware/setup/provisioning_reporter.hpp"
#include "firmware/settings/settings_sync.hpp"

namespace ringside::fw {

class Speaker {
public:
    Speaker(const hal::Board& board, const DeviceConfig& config);
    ~Speaker();
    Speaker(const Speaker&) = delete;
    Speaker& operator=(const Speaker&) = delete;

    void power_on();
    void dispatch(const Event& event);
    // The voice API answered 401 to the access token: refresh at once (AuthClient).
    // Who may call: the voice client, from inside an event it is handling.
    void access_token_rejected();
    // A board's LED refresh (at its own rate, e.g. every attention::kFramePeriod): hands the
    // ring the animated pattern's frame of this moment, if it changed. The ring gets each
    // pattern's first frame without it. Who may call: the backend's loop, between dispatches.
    void refresh_ring();

    // Observation (test face reads these; cheap, no side effects).
    DeviceState device_state() const;
    AuthState auth_state() const;
    RingPattern ring_pattern() const;
    hal::RingFrame ring_frame() const;          // the pattern's frame now (rendered, not latched)
    std::string_view user_code() const;         // empty unless AwaitingApproval
    std::string_view verification_uri() const;  // empty unless AwaitingApproval
    const VoiceAssistant& voice() const { return voice_; }
    const DeviceSettings& settings() const;     // downloaded after linking (defaults before)

private:
    void on_timer(hal::TimerId id);
    void on_button(const Event& event);
    void update_ring();
    void on_auth(AuthNotice notice);

    // Members are plain sub-machines held by value: no heap after construction.
    // Declaration order is construction order: each part only refers to those above it.
    hal::Board board_;
    Tracer tracer_;
    RequestBuffer scratch_;  // every request is built here in turn
    attention::Attention attention_;
    ActionButton action_;
    TokenStore store_;
    AuthClient auth_;
    DeviceLifecycle lifecycle_;
    VoiceAssistant voice_;
    ProvisioningReporter reporter_;  // tells the companion app how its setup goes
    SettingsSync settings_;          // downloads settings once linked
    bool powered_ = false;
};

} // namespace ringside::fw
