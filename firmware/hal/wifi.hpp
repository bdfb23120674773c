#pragma once
// The Wi-Fi radio. Joining is asynchronous: the outcome arrives as a WifiJoined or
// WifiFailed event.
#include <string_view>

namespace ringside::hal {

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
