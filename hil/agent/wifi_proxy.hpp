#pragma once
// hal::Wifi over the link: the networks in range, their bands and passwords are the host's
// scenario, so the radio's decisions are made there. join/leave/prefer_band go out as
// WifiJoin/WifiLeave/WifiPreferBand; the host's WifiResult comes back as a wifi_joined or
// wifi_failed(reason) event. Only a result for a join still pending reaches the firmware,
// and a `lost` while associated (hal::WifiFailure::Lost): after leave() (or a power cycle)
// hal::Wifi promises no event.
// Who may call: join/leave/prefer_band — the firmware, during dispatch; on_result and
// reset — the agent.
#include <string_view>

#include "firmware/hal/wifi.hpp"
#include "hil/agent/board_port.hpp"
#include "hil/agent/outbox.hpp"
#include "hil/protocol/messages.hpp"

namespace ringside::hil {

class WifiProxy final : public hal::Wifi {
public:
    WifiProxy(Outbox& outbox, BoardPort& port, LinkStats& stats) : outbox_(outbox), port_(port), stats_(stats) {}
    WifiProxy(const WifiProxy&) = delete;
    WifiProxy& operator=(const WifiProxy&) = delete;

    void prefer_band(hal::WifiBand band) override;
    void join(std::string_view ssid, std::string_view password) override;
    void leave() override;

    void on_result(const WifiResult& result);
    void reset() { join_pending_ = associated_ = false; }

    bool join_pending() const { return join_pending_; }

private:
    Outbox& outbox_;
    BoardPort& port_;
    LinkStats& stats_;
    bool join_pending_ = false;
    bool associated_ = false;  // a joined result reached the firmware, no leave or lost since
};

} // namespace ringside::hil
