#pragma once
// Everything that can happen to the firmware arrives as one Event, dispatched by the
// backend's loop to Speaker::dispatch (run to completion, one at a time).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "firmware/hal/buttons.hpp"
#include "firmware/hal/http_client.hpp"
#include "firmware/hal/timers.hpp"
#include "firmware/hal/wifi.hpp"

namespace ringside::fw {

enum class EventType : std::uint8_t {
    TimerExpired,     // timer
    ButtonDown,       // button
    ButtonUp,         // button
    SetupCredentials, // setup: the companion app handed over Wi-Fi and account hint
    WifiJoined,
    WifiFailed,
    HttpDone,         // request, response
    SpeechDone,       // the sentence last started with Speech::say has been said
    MicFrame,         // mic: 10 ms of PCM (hal/microphone.hpp)
};

// What the companion app sends over the local setup channel (simulated BLE/SoftAP).
struct SetupCredentials {
    std::string_view ssid;
    std::string_view password;
    std::string_view account_hint;
    hal::WifiBand band = hal::WifiBand::Any;  // the app's hint which band the network is on
};

// 10 ms of microphone PCM (hal/microphone.hpp); the samples belong to the microphone.
struct MicFrame {
    const std::int16_t* samples = nullptr;
    std::size_t count = 0;
};

// Views inside an Event are valid only during the dispatch that delivers it.
struct Event {
    EventType type = EventType::TimerExpired;
    hal::TimerId timer = 0;
    hal::Button button = hal::Button::Action;
    hal::RequestId request = 0;
    hal::HttpResponse response{};
    SetupCredentials setup{};
    MicFrame mic{};
    hal::WifiFailure wifi_failure = hal::WifiFailure::Other;  // WifiFailed only

    static Event timer_expired(hal::TimerId id) { Event e; e.type = EventType::TimerExpired; e.timer = id; return e; }
    static Event button_down(hal::Button b) { Event e; e.type = EventType::ButtonDown; e.button = b; return e; }
    static Event button_up(hal::Button b) { Event e; e.type = EventType::ButtonUp; e.button = b; return e; }
    static Event setup_credentials(SetupCredentials c) { Event e; e.type = EventType::SetupCredentials; e.setup = c; return e; }
    static Event wifi_joined() { Event e; e.type = EventType::WifiJoined; return e; }
    static Event wifi_failed(hal::WifiFailure why = hal::WifiFailure::Other) { Event e; e.type = EventType::WifiFailed; e.wifi_failure = why; return e; }
    static Event speech_done() { Event e; e.type = EventType::SpeechDone; return e; }
    static Event mic_frame(const std::int16_t* samples, std::size_t count) { Event e; e.type = EventType::MicFrame; e.mic.samples = samples; e.mic.count = count; return e; }
    static Event http_done(hal::RequestId id, const hal::HttpResponse& r) { Event e; e.type = EventType::HttpDone; e.request = id; e.response = r; return e; }
};

} // namespace ringside::fw
