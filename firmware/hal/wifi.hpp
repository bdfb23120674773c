#pragma once
// The Wi-Fi radio. Joining is asynchronous: the outcome arrives as a WifiJoined or
// WifiFailed event. An association the radio held and lost (the access point went off or
// out of range) arrives later as WifiFailed(Lost), at any time after WifiJoined until leave().
#include <cstdint>
#include <string_view>

namespace ringside::hal {

// Why a join failed, as the radio can tell it (carried by the WifiFailed event).
enum class WifiFailure : std::uint8_t {
    Other,          // timeout, association refused for a reason the radio cannot tell
    WrongPassword,  // the access point answered but the handshake failed
    NotFound,       // no access point with that SSID answered the scan
    Lost,           // not a join: the association held since WifiJoined is gone
};

// Which band to scan, as the companion app knows it from the phone's own connection.
enum class WifiBand : std::uint8_t { Any, GHz2_4, GHz5 };

class Wifi {
public:
    // Limits the next joins' scan to `band` (Any: both). A radio without band control may
    // ignore it, hence the empty default.
    virtual void prefer_band(WifiBand band) { (void)band; }
    // Starts joining `ssid`. Views need only live for the call.
    virtual void join(std::string_view ssid, std::string_view password) = 0;
    // Drops the association (factory reset, power-down). No event follows.
    virtual void leave() = 0;

protected:
    ~Wifi() = default;
};

} // namespace ringside::hal
