#pragma once
// Downloads the speaker's settings and preferences (device name, locale, time zone, wake
// word, volume) from the cloud once the speaker is linked, and keeps them in RAM. A failed
// download is retried with back-off (2, 4, 8, ... 60 s) and never touches the link: the
// speaker stays linked on its old (or default) settings meanwhile.
//
//   Idle --device linked, access token held--> Fetching (POST {issuer}/v1/settings)
//   Fetching --200 + valid JSON--> Done                 trace: settings downloaded
//   Fetching --transport error, non-200, bad JSON, 60 s timeout--> Waiting (retry timer)
//   Waiting --retry due--> Fetching (when still linked; else Idle)
//   Fetching | Waiting --device leaves linked--> Idle (abandoned; a new link downloads again)
//   Done --device back in setup--> Idle (a re-authorization keeps the settings)
//
// Request id 0 is this module's: the auth client never uses 0.
// Who may call: the Speaker (observe after each event; on_http/on_timer for its ids).
#include <cstdint>
#include <string_view>

#include "firmware/core/device_config.hpp"
#include "firmware/core/fixed_string.hpp"
#include "firmware/core/request_buffer.hpp"
#include "firmware/core/request_ids.hpp"
#include "firmware/core/states.hpp"
#include "firmware/core/tracer.hpp"
#include "firmware/hal/board.hpp"

namespace ringside::fw {

inline constexpr hal::RequestId kSettingsRequestId = request_ids::kSettings.first;
inline constexpr hal::Millis kSettingsTimeout{60'000};
inline constexpr hal::Millis kSettingsFirstRetry{2'000};
inline constexpr hal::Millis kSettingsMaxRetry{60'000};

// What the speaker keeps of its settings.
struct DeviceSettings {
    FixedString<48> device_name;
    FixedString<16> locale;     // BCP 47, e.g. "en-US"
    FixedString<40> time_zone;  // IANA, e.g. "Europe/Berlin"
    FixedString<24> wake_word;
    std::uint8_t volume = 5;    // 0..10
};

class SettingsSync {
public:
    enum class State : std::uint8_t { Idle, Fetching, Waiting, Done };

    // `scratch` is the Speaker's shared request buffer (firmware/core/request_buffer.hpp).
    SettingsSync(const hal::Board& board, const DeviceConfig& config, const Tracer& tracer, RequestBuffer& scratch);

    // After each event: starts a download when the device is newly linked with `access_token`.
    void observe(DeviceState device, std::string_view access_token);
    static bool owns_request(hal::RequestId id) { return id == kSettingsRequestId; }
    static bool owns_timer(hal::TimerId id);
    void on_http(const hal::HttpResponse& response, DeviceState device, std::string_view access_token);
    void on_timer(hal::TimerId id, DeviceState device, std::string_view access_token);

    State state() const { return state_; }
    const DeviceSettings& settings() const { return settings_; }
    std::uint32_t attempts() const { return attempts_; }

private:
    void fetch(std::string_view access_token);
    void fail(std::string_view why);
    bool read(std::string_view body);

    hal::Board board_;
    DeviceConfig config_;  // views into the backend's strings, which outlive the Speaker
    const Tracer& tracer_;
    State state_ = State::Idle;
    DeviceSettings settings_;
    hal::Millis next_retry_ = kSettingsFirstRetry;
    std::uint32_t attempts_ = 0;
    FixedString<192> url_;
    RequestBuffer& scratch_;  // the form (access_token, percent-encoded) is built here
};

} // namespace ringside::fw
