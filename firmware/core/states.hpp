#pragma once
// The names scenarios and reports use for the device's states and ring patterns.
// docs/states.md documents each; keep both in step.
#include <cstdint>
#include <string_view>

namespace ringside::fw {

enum class DeviceState : std::uint8_t {
    Off,          // not powered (only ever reported by a backend)
    Booting,      // power-on self test, loading stored credentials
    Setup,        // no credentials: waiting for the companion app
    JoiningWifi,  // credentials received or stored, associating
    Authorizing,  // on Wi-Fi, auth client working towards tokens
    Linked,       // signed in, idle
    Error,        // unrecoverable until reset or factory reset
};

enum class AuthState : std::uint8_t {
    Unlinked,          // no refresh token, nothing in flight
    Discovering,       // fetching the issuer's RFC 8414 metadata
    RequestingCode,    // device authorization request in flight
    AwaitingApproval,  // user code shown; polling the token endpoint
    Linked,            // valid access token (a refresh may be in flight)
    Expired,           // access token lapsed, refresh still being retried
    Failed,            // unrecoverable error; retrying stopped
};

enum class RingPattern : std::uint8_t {
    Off,          // idle, linked
    Booting,      // blue with a cyan arc spinning
    Setup,        // orange arc spinning clockwise
    Authorizing,  // orange breathing: code shown, waiting for the user
    Listening,    // solid blue, cyan arc toward the speaker
    Thinking,     // cyan/blue alternating, rotating
    Speaking,     // cyan/blue pulsing
    MicOff,       // solid red
    Error,        // red flashing
    WifiError,    // purple (connection problem)
    Volume,       // white arc: the volume was just changed
    SignedOut,    // solid orange, a few seconds: the account removed this speaker
};

std::string_view to_string(DeviceState s);
std::string_view to_string(AuthState s);
std::string_view to_string(RingPattern p);
// Parse the names above (as to_string writes them). Return false on an unknown name.
bool parse(std::string_view name, DeviceState& out);
bool parse(std::string_view name, AuthState& out);
bool parse(std::string_view name, RingPattern& out);

} // namespace ringside::fw
