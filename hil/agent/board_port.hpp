#pragma once
// What a board port implements for the agent besides its ByteSink: the firmware's event
// loop, power, the board's clock in world time, and the optional test hooks the host may ask
// for (each gated by a capability bit the port announces). One port object may implement
// both interfaces.
// Who calls: the board agent, only from inside BoardAgent::feed(), i.e. on the port's own
// loop, never from an interrupt and never while the firmware is dispatching.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "firmware/auth/stored_credentials.hpp"
#include "firmware/core/event.hpp"
#include "firmware/core/fixed_string.hpp"
#include "hil/protocol/messages.hpp"

namespace ringside::hil {

// A port's answer to something the host asked: done, or refused with a reason the host
// shows in its error (a string literal: it must outlive the call).
struct PortAnswer {
    bool done = true;
    std::string_view why{};

    static PortAnswer ok() { return PortAnswer{}; }
    static PortAnswer refused(std::string_view reason) { return PortAnswer{false, reason}; }
};

class BoardPort {
public:
    // Dispatches `event` into the firmware now if it is powered (drops it otherwise), then
    // calls BoardAgent::observe() exactly as after any dispatch of the port's own. Views in
    // `event` live only for this call. Events: button_down/up, setup_credentials,
    // wifi_joined/wifi_failed, http_done.
    virtual void deliver(const fw::Event& event) = 0;

    // World time in ms: lockstep, the time the host granted the board up to (continuous
    // across power cycles); free-running, the board's own monotonic ms. Stamps Trace.
    virtual std::uint64_t world_ms() const = 0;

    // The board's calendar clock (its hal::RealTimeClock), unix seconds. Sent with every
    // tunnelled request: the host's relay checks the cloud's certificate against it, as the
    // board's TLS stack would.
    virtual std::int64_t rtc_unix() const = 0;

    // On: construct the Speaker and power_on() it (then observe()). Off: destroy it (then
    // powered_off()). Reset: off, then on. Answer `ok` also when already in that state.
    virtual PortAnswer power(PowerAction action) = 0;

    // kCapConfigurable: keep seed, RTC, identity and dialect for the next power-on (views
    // live only for the call: copy them). Refuse while powered if the port cannot apply it.
    virtual PortAnswer configure(const BoardConfig& config) {
        (void)config;
        return PortAnswer::refused("this board takes no BoardConfig");
    }

    // kCapLockstep: run every firmware event due at world time <= until_ms, in time order,
    // one instant (all events due at one time) at a time. After each instant, if
    // BoardAgent::stop_pending(), stop there. Set `stood_at_ms` to where the board stands:
    // the instant it stopped at, or until_ms (the clock moved there) when nothing stopped it.
    // Never calls feed(). The agent has already refused an until_ms before world_ms().
    virtual PortAnswer run_until(std::uint64_t until_ms, std::uint64_t& stood_at_ms) {
        (void)until_ms;
        stood_at_ms = world_ms();
        return PortAnswer::refused("this board is not lockstep");
    }

    // The host turned the ring's stream on or off (StreamRing). While on, refresh the
    // firmware's LEDs every attention::kFramePeriod of world time (Speaker::refresh_ring),
    // as an LED driver would, so that each new frame of an animation reaches the host.
    virtual void ring_streaming(bool on) { (void)on; }

    // kCapTestFace: the refresh token the firmware would load from flash now (empty when
    // none). StoredTokenReader does it for a port with the firmware's flash and crypto. The
    // agent wipes `out` once it has been sent.
    virtual PortAnswer read_stored_refresh_token(fw::FixedString<fw::kMaxRefreshToken>& out) {
        out.wipe();
        return PortAnswer::refused("this board has no test face");
    }

    // kCapBoardStats: the board's own memory and link figures (stack, static RAM, flash,
    // heap allocations after start-up, UART overruns, uptime) for QueryBoardStats.
    virtual PortAnswer board_stats(BoardStats& out) {
        out = BoardStats{};
        return PortAnswer::refused("this board keeps no board stats");
    }

protected:
    ~BoardPort() = default;
};

// The board's microphone as the host's person drives it. The port plays what it is given
// into the firmware as MicFrame events from its own loop, as its microphone would (while
// capture is on), never from inside these calls.
class BoardMicrophone {
public:
    // A person speaks `text` in household voice `voice` (0..7): the port encodes it with the
    // tone modem (common/tone_modem.hpp) as the simulator's microphone does. Views
    // live only for the call. Refuse text that cannot be spoken or a microphone still busy,
    // if the port cannot queue.
    virtual PortAnswer speak(std::uint8_t voice, std::string_view text) = 0;

    // kCapAudio: raw 16-bit PCM at 8 kHz to play after whatever is queued (at most
    // kMaxPayload / 2 samples per call; the samples live only for the call).
    virtual PortAnswer play(const std::int16_t* samples, std::size_t count) {
        (void)samples;
        (void)count;
        return PortAnswer::refused("this board takes no raw audio");
    }

protected:
    ~BoardMicrophone() = default;
};

} // namespace ringside::hil
