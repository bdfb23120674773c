#pragma once
// hal::Wifi over the world's list of networks in range. join() answers after a fixed
// association delay: WifiJoined when the SSID is in range and the password matches,
// WifiFailed otherwise. The link state is what the HTTP transport checks before sending.
// Who may call: join/leave — the firmware; the rest — the world and tests.
#include <cstdint>
#include <string>
#include <vector>

#include "firmware/hal/wifi.hpp"
#include "sim/board/device_bus.hpp"

namespace ringside::sim {

struct WifiNetwork;  // sim/virtual_speaker.hpp

class VirtualWifi final : public hal::Wifi {
public:
    static constexpr Millis kJoinDelay{500};

    // `in_range` is owned by the world and may change between joins.
    VirtualWifi(DeviceBus& bus, const std::vector<WifiNetwork>& in_range) : bus_(bus), in_range_(in_range) {}

    void join(std::string_view ssid, std::string_view password) override;
    void leave() override;
    // The radio then scans only that band: a network on the other band is not found.
    void prefer_band(hal::WifiBand band) override { band_ = band; }

    // The home's access points go off or out of range (false) and come back (true). Going
    // off ends the association the radio holds (the firmware hears WifiFailed(Lost)); while
    // off, every join fails NotFound. Who may call: the world.
    void set_access_points_on(bool on);
    bool access_points_on() const { return access_points_on_; }

    // Power-off: association lost, a pending join abandoned.
    void reset() {
        leave();
        band_ = hal::WifiBand::Any;
    }

    // Test face.
    bool associated() const { return associated_; }
    const std::string& ssid() const { return ssid_; }  // of the current or last attempt
    std::uint32_t join_attempts() const { return join_attempts_; }

private:
    // kJoined when the network in range takes the password, else why it does not.
    static constexpr hal::WifiFailure kJoined = static_cast<hal::WifiFailure>(0xFF);
    hal::WifiFailure verdict(const std::string& ssid, const std::string& password) const;

    DeviceBus& bus_;
    const std::vector<WifiNetwork>& in_range_;
    Scheduler::Handle pending_;
    std::string ssid_;
    hal::WifiBand band_ = hal::WifiBand::Any;
    bool associated_ = false;
    bool access_points_on_ = true;
    std::uint32_t join_attempts_ = 0;
};

} // namespace ringside::sim
