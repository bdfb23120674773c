#pragma once
// hal::SetupChannel as the companion app hears it: the app's end of the local setup channel
// (simulated BLE/SoftAP). Every progress report the speaker sends is kept with the world
// time it arrived, so scenarios can assert what the app was told (`expect_app`).
// Who may call: report — the firmware; told — the world, scenarios and tests.
#include <string>
#include <vector>

#include "firmware/hal/setup_channel.hpp"
#include "sim/clock/scheduler.hpp"

namespace ringside::sim {

struct AppMessage {
    Millis at{0};      // world time the app heard it
    std::string name;  // hal::to_string(SetupProgress): "received", "wifi_wrong_password", ...
};

class AppSetupLink final : public hal::SetupChannel {
public:
    explicit AppSetupLink(const Scheduler& scheduler) : scheduler_(scheduler) {}

    // The channel is a short local hop: the app hears the report at the instant it is sent.
    void report(hal::SetupProgress progress) override {
        told_.push_back(AppMessage{scheduler_.now(), std::string(hal::to_string(progress))});
    }

    // Everything the app was told, oldest first.
    const std::vector<AppMessage>& told() const { return told_; }

private:
    const Scheduler& scheduler_;
    std::vector<AppMessage> told_;
};

} // namespace ringside::sim
