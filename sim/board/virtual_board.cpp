#include "sim/board/virtual_board.hpp"

#include <optional>

#include "firmware/auth/token_store.hpp"
#include "firmware/core/timer_ids.hpp"
#include "firmware/speaker.hpp"
#include "sim/board/device_bus.hpp"
#include "sim/board/firmware_fence.hpp"
#include "sim/board/seeded_random.hpp"
#include "sim/board/trace_recorder.hpp"
#include "sim/board/virtual_clock.hpp"
#include "sim/board/virtual_flash.hpp"
#include "sim/board/virtual_led_ring.hpp"
#include "sim/board/virtual_microphone.hpp"
#include "sim/board/virtual_rtc.hpp"
#include "sim/board/virtual_speech.hpp"
#include "sim/board/virtual_timers.hpp"
#include "sim/crypto/virtual_crypto.hpp"

namespace ringside::sim {

// How one power-on's firmware reaches the parts: through fences, so a footprint probe can
// tell the firmware's own heap use from the simulator's (sim/board/firmware_fence.hpp).
struct Wiring {
    Wiring(hal::Clock& clock, hal::Timers& timers, hal::LedRing& ring, hal::Wifi& wifi, hal::HttpClient& http,
           hal::Flash& flash, hal::Random& random, hal::TraceSink& trace, hal::Speech& speech, hal::Microphone& mic,
           hal::SetupChannel& setup, hal::Crypto& crypto, hal::RealTimeClock& rtc)
        : clock(clock), timers(timers), ring(ring), wifi(wifi), http(http), flash(flash), random(random),
          trace(trace), speech(speech), mic(mic), setup(setup), crypto(crypto), rtc(rtc) {}
    fence::FencedClock clock;
    fence::FencedTimers timers;
    fence::FencedRing ring;
    fence::FencedWifi wifi;
    fence::FencedHttp http;
    fence::FencedFlash flash;
    fence::FencedRandom random;
    fence::FencedTrace trace;
    fence::FencedSpeech speech;
    fence::FencedMicrophone mic;
    fence::FencedSetup setup;
    fence::FencedCrypto crypto;
    fence::FencedRtc rtc;
    hal::Board board{clock, timers, ring, wifi, http, flash, random, trace, speech, mic, setup, crypto, rtc};
};

// Member order is construction order: the identity first (the DeviceConfig views point into
// it), the firmware last (it holds references to everything above it).
struct VirtualBoard::Parts {
    explicit Parts(const DeviceContext& c)
        : context(c),
          device_config{context.issuer, context.client_id, context.scope, context.product_id,
                        context.serial_number, context.dialect},
          clock{c.scheduler},
          timers{c.bus},
          random(c.seed),
          speech{c.bus, c.trace},
          mic{c.bus, c.seed},
          crypto{c.seed, c.serial_number},
          rtc{c.scheduler, c.rtc_unix} {}

    template <typename Part, typename Own>
    static Part& pick(Part* interposed, Own& own) { return interposed ? *interposed : own; }

    void wire() {
        const Interposers& i = interposers;
        wiring.emplace(clock, pick<hal::Timers>(i.timers, timers), pick<hal::LedRing>(i.ring, ring), pick<hal::Wifi>(i.wifi, context.wifi),
                       pick<hal::HttpClient>(i.http, context.http), flash, random,
                       pick<hal::TraceSink>(i.trace, context.trace), pick<hal::Speech>(i.speech, speech), mic,
                       pick<hal::SetupChannel>(i.setup, context.setup), crypto, rtc);
    }

    DeviceContext context;
    fw::DeviceConfig device_config;
    VirtualClock clock;
    VirtualTimers timers;
    VirtualLedRing ring;
    VirtualFlash flash;
    SeededRandom random;
    VirtualSpeech speech;
    VirtualMicrophone mic;
    VirtualCrypto crypto;
    VirtualRtc rtc;
    Interposers interposers;
    std::optional<Wiring> wiring;        // engaged while powered
    std::optional<fw::Speaker> speaker;  // engaged while powered
    std::function<void(const fw::Event&)> observer;
};

namespace {

// Reads what the firmware would load at boot. The store's buffer is large: heap, not stack.
std::unique_ptr<fw::StoredCredentials> load_stored(hal::Flash& flash, hal::Crypto& crypto) {
    auto credentials = std::make_unique<fw::StoredCredentials>();
    auto store = std::make_unique<fw::TokenStore>(flash, crypto);
    if (!store->load(*credentials)) credentials->wipe();
    return credentials;
}

} // namespace

VirtualBoard::VirtualBoard(const DeviceContext& context) : parts_(std::make_unique<Parts>(context)) {}

VirtualBoard::~VirtualBoard() = default;

void VirtualBoard::power_on() {
    Parts& p = *parts_;
    if (p.speaker) return;  // already on: pressing "on" again changes nothing
    // A cut that happened ends with the next power-on; one still armed stays armed.
    if (p.flash.power_cut()) p.flash.restore_power();
    p.clock.mark_power_on();
    p.wire();
    p.speaker.emplace(p.wiring->board, p.device_config);
    fw::Speaker& speaker = *p.speaker;
    p.context.bus.attach([&p, &speaker](const fw::Event& event) {
        if (p.observer) p.observer(event);
        {
            fence::FirmwareSection firmware;
            speaker.dispatch(event);
        }
        if (p.interposers.after_dispatch) p.interposers.after_dispatch(speaker);
    });
    {
        fence::FirmwareSection firmware;
        speaker.power_on();
    }
    if (p.interposers.after_dispatch) p.interposers.after_dispatch(speaker);
}

void VirtualBoard::power_off() {
    Parts& p = *parts_;
    if (!p.speaker) return;
    // Detach first: whatever the firmware's destructor asks of the board is never answered.
    p.context.bus.detach();
    p.speaker.reset();
    p.wiring.reset();
    p.timers.reset();
    p.speech.cut();
    p.mic.reset();
    p.ring.go_dark();
}

bool VirtualBoard::powered() const { return parts_->speaker.has_value(); }

bool VirtualBoard::reflash_client_id(const std::string& client_id) {
    Parts& p = *parts_;
    if (p.speaker) return false;
    p.context.client_id = client_id;
    p.device_config.client_id = p.context.client_id;  // the view the next Speaker reads
    return true;
}

Millis VirtualBoard::say(const std::string& text, int voice) { return parts_->mic.speak(text, voice); }

fw::DeviceState VirtualBoard::device_state() const {
    return powered() ? parts_->speaker->device_state() : fw::DeviceState::Off;
}

fw::AuthState VirtualBoard::auth_state() const {
    return powered() ? parts_->speaker->auth_state() : fw::AuthState::Unlinked;
}

fw::RingPattern VirtualBoard::ring_pattern() const {
    return powered() ? parts_->speaker->ring_pattern() : fw::RingPattern::Off;
}

// The LEDs as a person sees them now: an LED driver refreshing continuously shows the
// firmware's frame of this very moment (the firmware renders its pattern as a function of
// time); off, they are dark.
hal::RingFrame VirtualBoard::leds() const {
    if (!powered()) return hal::RingFrame{};
    fence::FirmwareSection firmware;
    return parts_->speaker->ring_frame();
}

void VirtualBoard::refresh_ring() {
    if (!powered()) return;
    fence::FirmwareSection firmware;
    parts_->speaker->refresh_ring();
}

std::string VirtualBoard::user_code() const {
    return powered() ? std::string(parts_->speaker->user_code()) : std::string();
}

std::string VirtualBoard::verification_uri() const {
    return powered() ? std::string(parts_->speaker->verification_uri()) : std::string();
}

std::optional<Millis> VirtualBoard::access_token_expires_at() const {
    const VirtualTimers& timers = parts_->timers;
    if (!powered() || !timers.armed(fw::timer::kTokenExpiry)) return std::nullopt;
    return timers.due(fw::timer::kTokenExpiry);
}

std::size_t VirtualBoard::device_audio_samples() const {
    return powered() ? parts_->speaker->voice().buffered_audio_samples() : 0;
}

const std::vector<SpokenSentence>& VirtualBoard::spoken() const { return parts_->speech.sentences(); }

std::optional<std::string> VirtualBoard::stored_refresh_token() const {
    const auto stored = load_stored(parts_->flash, parts_->crypto);
    if (!stored->has_refresh_token()) return std::nullopt;
    return std::string(stored->refresh_token.view());
}

VirtualFlash* VirtualBoard::flash() { return &parts_->flash; }
SeededRandom* VirtualBoard::random() { return &parts_->random; }
void VirtualBoard::interpose(Interposers interposers) { parts_->interposers = std::move(interposers); }
hal::Timers& VirtualBoard::timers_part() { return parts_->timers; }
VirtualLedRing& VirtualBoard::ring_part() { return parts_->ring; }
VirtualSpeech& VirtualBoard::speech_part() { return parts_->speech; }
hal::Flash& VirtualBoard::flash_part() { return parts_->flash; }
hal::Crypto& VirtualBoard::crypto_part() { return parts_->crypto; }
hal::Crypto* VirtualBoard::crypto() { return &parts_->crypto; }

std::uint64_t VirtualBoard::mic_frames_delivered() const { return parts_->mic.frames_delivered(); }
std::int64_t VirtualBoard::rtc_unix() const { return parts_->rtc.unix_seconds(); }
const fw::Speaker* VirtualBoard::firmware() const { return parts_->speaker ? &*parts_->speaker : nullptr; }

void VirtualBoard::observe_events(std::function<void(const fw::Event&)> observer) {
    parts_->observer = std::move(observer);
}

} // namespace ringside::sim
