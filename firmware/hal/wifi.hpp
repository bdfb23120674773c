#pragma once
// The Wi-Fi radio. Joining is asynchronous: the outcome arrives as a WifiJoined or
// WifiFailed event.
#include <cstdint>
#include <string_view>

namespace ringside::hal {

// Why a join failed, as the radio can tell it (carried by the WifiFailed event).
enum class WifiFailure : std::uint8_t {
    Other,          // timeout, association refused for a reason the radio cannot tell
    WrongPassword,  // the access point answered but the handshake failed
    NotFound,       // no access point with that SSID answered the scan
};

class Wifi {
public:
    // Starts joining `ssid`. Views need only live for the call.
    virtual void join(std::string_view ssid, std::string_view password) = 0;
    // Drops the association (factory reset, power-down). No event follows.
    virtual void leave() = 0;

protected:
    ~Wifi() = default;
};

} // namespace ringside::hal
