#pragma once
// A stand-in port until the board kit (hil/boards/common/, KitPort) is on this branch: it
// has KitPort's shape — constructed from the ByteSink and the identity, owning the
// BoardAgent, fed by the loop — so main() swaps one for the other in one line. It puts the
// board on the link (Hello -> HelloAck and Status, QueryBoardStats -> BoardStats) and
// refuses what needs the firmware: Power and Utterance are Nacked with the reason. The
// firmware is not linked into this image yet (fw::Speaker alone is larger than the RAM).
// Who may call: main()'s loop (feed, run_due); the agent (the BoardPort/BoardMicrophone
// hooks, from inside feed()).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "hil/agent/board_agent.hpp"
#include "hil/agent/board_port.hpp"
#include "hil/agent/byte_sink.hpp"

namespace ringside::stm32f405 {

class PlaceholderPort final : public hil::BoardPort, public hil::BoardMicrophone {
public:
    // `sink` and `identity` must outlive the port (give both static storage).
    PlaceholderPort(hil::ByteSink& sink, const hil::BoardIdentity& identity);
    PlaceholderPort(const PlaceholderPort&) = delete;
    PlaceholderPort& operator=(const PlaceholderPort&) = delete;

    // Bytes from the UART, any chunking.
    void feed(const std::uint8_t* bytes, std::size_t count) { agent_.feed(bytes, count); }
    // Time passed (ms since reset): runs what is due. Nothing is, with no firmware.
    void run_due(std::uint64_t now_ms) { (void)now_ms; }

    // BoardPort
    void deliver(const fw::Event& event) override;
    std::uint64_t world_ms() const override;
    std::int64_t rtc_unix() const override { return 0; }  // no RTC driver yet: the epoch
    hil::PortAnswer power(hil::PowerAction action) override;
    hil::PortAnswer board_stats(hil::BoardStats& out) override;
    // BoardMicrophone
    hil::PortAnswer speak(std::uint8_t voice, std::string_view text) override;

private:
    // The agent's "real" ring and loudspeaker: this board has neither wired up yet.
    struct NoLeds final : hal::LedRing {
        void show(const hal::RingFrame&) override {}
    };
    struct NoLoudspeaker final : hal::Speech {
        void say(std::string_view) override {}
        void stop() override {}
    };

    NoLeds leds_;
    NoLoudspeaker loudspeaker_;
    hil::BoardAgent agent_;
};

} // namespace ringside::stm32f405
