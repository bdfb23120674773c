#pragma once
// The radio link between the speaker and the cloud: one-way latency and loss per message,
// by Wi-Fi band and congestion level, drawn from the scenario's seed (its own stream, so
// the firmware's hal::Random draws are unchanged). 2.4 GHz reaches further but shares the
// air with neighbours, microwaves and Bluetooth: higher base latency, more jitter and loss
// as congestion rises. 5 GHz: lower latency and loss (and a shorter range, not modelled).
// With no congestion there is no jitter and no loss, and 2.4 GHz keeps the world's default
// 20 ms, so a scenario that declares neither band nor congestion runs as it always did.
// Who may call: the world's HTTP transport (hop) and scenario steps (set_congestion, set_down).
#include <cstdint>
#include <optional>
#include <string_view>

#include "sim/clock/scheduler.hpp"
#include "common/prng.hpp"

namespace ringside::sim {

enum class WifiBand : std::uint8_t { GHz2_4, GHz5 };
enum class Congestion : std::uint8_t { None, Low, Medium, High };

std::string_view to_string(WifiBand band);        // "2.4GHz", "5GHz"
std::string_view to_string(Congestion level);     // "none", "low", "medium", "high"
bool parse(std::string_view name, WifiBand& out);  // also "2.4", "5", "2.4ghz"
bool parse(std::string_view name, Congestion& out);

// What one message sees on a band at a congestion level.
struct LinkProfile {
    Millis base{0};                 // one way
    Millis jitter{0};               // extra delay, uniform in [0, jitter]
    std::uint32_t loss_per_mille = 0;  // chance a message is lost, in 1/1000
};
LinkProfile link_profile(WifiBand band, Congestion level);

class LinkModel {
public:
    explicit LinkModel(std::uint64_t seed);

    void set_congestion(Congestion level) { congestion_ = level; }
    Congestion congestion() const { return congestion_; }
    // A down link loses every message that starts a hop (the router lost its uplink).
    void set_down(bool down) { down_ = down; }
    bool down() const { return down_; }

    // One message over the air on `band`: its one-way latency, or nullopt when it is lost.
    std::optional<Millis> hop(WifiBand band);

    std::uint64_t messages() const { return messages_; }
    std::uint64_t lost() const { return lost_; }

private:
    common::Prng prng_;
    Congestion congestion_ = Congestion::None;
    bool down_ = false;
    std::uint64_t messages_ = 0;
    std::uint64_t lost_ = 0;
};

} // namespace ringside::sim
