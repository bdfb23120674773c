#pragma once
// The speaker's own hardware in this process — clock, timers, LED ring, flash, random,
// loudspeaker, microphone, crypto, RTC — and the real firmware running on it, one fw::Speaker
// per power-on. The links to the world (Wi-Fi, network, setup channel) are the ones the
// DeviceContext hands over: the world's own parts in the simulator, the serial link's
// proxies in the board emulator. Events reach the firmware only through the DeviceBus.
// Who may call: the world or the emulator's loop, on one thread.
#include <functional>
#include <memory>

#include "firmware/core/event.hpp"
#include "firmware/hal/flash.hpp"
#include "firmware/hal/speech.hpp"
#include "firmware/hal/timers.hpp"
#include "firmware/hal/trace.hpp"
#include "sim/device.hpp"

namespace ringside::fw {
class Speaker;
}

namespace ringside::sim {

class VirtualLedRing;
class VirtualSpeech;

// What stands between the firmware and some of the board's parts: the board emulator puts
// its link's agent there (taps on the ring, the loudspeaker and the trace, and its proxies
// for the world's Wi-Fi, network and app), and hears after every dispatch. A null part
// keeps the board's own (or the context's link to the world).
struct Interposers {
    hal::Timers* timers = nullptr;
    hal::LedRing* ring = nullptr;
    hal::Speech* speech = nullptr;
    hal::TraceSink* trace = nullptr;
    hal::Wifi* wifi = nullptr;
    hal::HttpClient* http = nullptr;
    hal::SetupChannel* setup = nullptr;
    // After the firmware powered on and after every event it was handed.
    std::function<void(const fw::Speaker&)> after_dispatch;
};

class VirtualBoard final : public Device {
public:
    explicit VirtualBoard(const DeviceContext& context);
    ~VirtualBoard() override;
    VirtualBoard(const VirtualBoard&) = delete;
    VirtualBoard& operator=(const VirtualBoard&) = delete;

    void power_on() override;
    void power_off() override;
    bool powered() const override;
    bool reflash_client_id(const std::string& client_id) override;
    Millis say(const std::string& text, int voice) override;

    fw::DeviceState device_state() const override;
    fw::AuthState auth_state() const override;
    fw::RingPattern ring_pattern() const override;
    hal::RingFrame leds() const override;
    std::string user_code() const override;
    std::size_t device_audio_samples() const override;
    const std::vector<SpokenSentence>& spoken() const override;
    std::optional<std::string> stored_refresh_token() const override;
    VirtualFlash* flash() override;
    SeededRandom* random() override;
    hal::Crypto* crypto() override;

    // The LED driver's refresh (Speaker::refresh_ring): while powered, the firmware's frame
    // of this moment goes to the ring (and any interposed tap). leds() needs none: it renders.
    void refresh_ring();

    // Takes effect at the next power-on.
    void interpose(Interposers interposers);
    // The board's own parts, for an interposer to wrap.
    hal::Timers& timers_part();
    VirtualLedRing& ring_part();
    VirtualSpeech& speech_part();
    hal::Flash& flash_part();
    hal::Crypto& crypto_part();

    // Frames the microphone handed to the firmware; the RTC now (unix seconds).
    std::uint64_t mic_frames_delivered() const override;
    std::int64_t rtc_unix() const override;
    std::string verification_uri() const override;
    // When the firmware's access-token expiry timer fires: the instant it counts the token lapsed.
    std::optional<Millis> access_token_expires_at() const override;
    // The firmware while powered (nullptr off): for the emulator's agent, which reports it.
    const fw::Speaker* firmware() const;

    // `observer` sees every event as it is handed to the firmware, just before dispatch; its
    // views live only for the call and it must not call back into the board.
    void observe_events(std::function<void(const fw::Event&)> observer) override;

private:
    struct Parts;
    std::unique_ptr<Parts> parts_;
};

} // namespace ringside::sim
