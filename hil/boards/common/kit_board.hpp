#pragma once
// One board made from the kit: its own parts (clock, timers, LED latch, flash over the
// port's region, random, loudspeaker, microphone, crypto, RTC) and the real firmware on
// them, one fw::Speaker per power-on, constructed in place (no heap). The links to the world
// (Wi-Fi, network, setup channel) and the taps on the ring, loudspeaker and trace are the
// board agent's. What sim::VirtualBoard is to the board emulator, with the same power-on and
// power-off sequence, so events in flight are dropped exactly where the simulator drops them.
// "Made" means what the host's first BoardConfig means: a board fresh from the factory
// (seed, RTC, identity), its flash erased; the port makes it once and keeps it, flash and
// all, across power cycles and reflashes.
// Who may call: the port (KitPort), on its loop; the parts call deliver() from their events.
#include <cstdint>
#include <optional>

#include "firmware/auth/stored_credentials.hpp"
#include "firmware/core/device_config.hpp"
#include "firmware/core/event.hpp"
#include "firmware/core/fixed_string.hpp"
#include "firmware/hal/board.hpp"
#include "firmware/speaker.hpp"
#include "hil/agent/board_agent.hpp"
#include "hil/agent/stored_token_reader.hpp"
#include "hil/boards/common/event_queue.hpp"
#include "hil/boards/common/firmware_inbox.hpp"
#include "hil/boards/common/kit_clock.hpp"
#include "hil/boards/common/kit_crypto.hpp"
#include "hil/boards/common/kit_flash.hpp"
#include "hil/boards/common/kit_microphone.hpp"
#include "hil/boards/common/kit_random.hpp"
#include "hil/boards/common/kit_rtc.hpp"
#include "hil/boards/common/kit_speech.hpp"
#include "hil/boards/common/kit_timers.hpp"
#include "hil/boards/common/led_latch.hpp"

namespace ringside::kit {

// What a board is made with. `config`'s views must outlive the board (the port's strings);
// the serial number keys the device crypto once, when the board is made.
struct BoardMaking {
    std::uint64_t seed = 1;
    std::int64_t rtc_unix = 0;
    const fw::DeviceConfig* config = nullptr;
};

class KitBoard final : public FirmwareInbox {
public:
    KitBoard(EventQueue& queue, hil::BoardAgent& agent, FlashRegion storage, const BoardMaking& making);
    KitBoard(const KitBoard&) = delete;
    KitBoard& operator=(const KitBoard&) = delete;

    // On: construct the Speaker, power_on() it, let the agent observe. Off: destroy it, then
    // disarm every timer, cut the loudspeaker, void the microphone's queue, darken the ring.
    // Both are no-ops in the state they would reach.
    void power_on();
    void power_off();
    bool powered() const override { return speaker_.has_value(); }
    std::uint32_t power_generation() const override { return generation_; }

    // Dispatches `event` into the powered firmware, then the agent observes it; dropped while
    // off, and refused (counted) from inside a dispatch, as the firmware runs to completion.
    void deliver(const fw::Event& event) override;

    // The LED driver's refresh: the firmware's frame of this moment to the ring (a no-op while
    // off or inside a dispatch).
    void refresh_ring();

    // The refresh token the firmware would load from this board's flash now (empty if none).
    void read_stored_refresh_token(fw::FixedString<fw::kMaxRefreshToken>& out) { reader_.read(out); }

    const fw::Speaker* firmware() const { return speaker_ ? &*speaker_ : nullptr; }
    KitClock& clock() { return clock_; }
    KitTimers& timers() { return timers_; }
    LedLatch& ring() { return ring_; }
    KitFlash& flash() { return flash_; }
    KitRandom& random() { return random_; }
    KitSpeech& speech() { return speech_; }
    KitMicrophone& mic() { return mic_; }
    KitCrypto& crypto() { return crypto_; }
    KitRtc& rtc() { return rtc_; }
    const KitRtc& rtc() const { return rtc_; }
    std::uint32_t reentrant_deliveries() const { return reentrant_; }

private:
    hil::BoardAgent& agent_;
    const fw::DeviceConfig& config_;
    KitClock clock_;
    KitTimers timers_;
    LedLatch ring_;
    KitFlash flash_;
    KitRandom random_;
    KitSpeech speech_;
    KitMicrophone mic_;
    KitCrypto crypto_;
    KitRtc rtc_;
    hal::Board wiring_;  // the board's own parts and the agent's links and taps
    hil::StoredTokenReader reader_;
    std::optional<fw::Speaker> speaker_;  // engaged while powered
    std::uint32_t generation_ = 0;
    bool dispatching_ = false;
    std::uint32_t reentrant_ = 0;
};

} // namespace ringside::kit
