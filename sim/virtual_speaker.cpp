// The virtual world: wires the scheduler, the virtual board parts, the in-process cloud and
// the companion app around one real fw::Speaker per power-on.
#include "sim/virtual_speaker.hpp"

#include <optional>
#include <utility>

#include "firmware/auth/token_store.hpp"
#include "firmware/speaker.hpp"
#include "sim/app/companion_app.hpp"
#include "sim/board/device_bus.hpp"
#include "sim/board/inproc_http_client.hpp"
#include "sim/board/seeded_random.hpp"
#include "sim/board/trace_recorder.hpp"
#include "sim/board/virtual_clock.hpp"
#include "sim/board/virtual_flash.hpp"
#include "sim/board/virtual_led_ring.hpp"
#include "sim/board/virtual_rtc.hpp"
#include "sim/board/virtual_speech.hpp"
#include "sim/board/virtual_timers.hpp"
#include "sim/board/virtual_wifi.hpp"
#include "sim/clock/scheduler.hpp"
#include "sim/crypto/virtual_crypto.hpp"

namespace ringside::sim {

// Member order is construction order: config first (the DeviceConfig views point into it),
// the firmware last (it holds references to everything above it).
struct VirtualSpeaker::World {
    explicit World(WorldConfig world_config)
        : config(std::move(world_config)),
          device_config{config.cloud.issuer, config.device.client_id, config.device.scope,
                        config.device.product_id, config.device.serial_number},
          cloud(config.cloud),
          http(bus, config.cloud.issuer,
               [this](const cloud::CloudRequest& request, Millis now) { return cloud.handle(request, now); },
               [this] { return wifi.associated() && internet_up; }, config.network_latency),
          random(config.seed) {
        http.set_calendar([this] { return rtc.unix_seconds(); },
                          [this] {
                              return config.world_start_unix +
                                     std::chrono::duration_cast<std::chrono::seconds>(scheduler.now()).count();
                          },
                          config.cert_not_before_unix, config.cert_not_after_unix);
    }

    WorldConfig config;
    fw::DeviceConfig device_config;
    Scheduler scheduler;
    TraceRecorder trace{scheduler};
    cloud::CloudService cloud;
    DeviceBus bus{scheduler};
    VirtualClock clock{scheduler};
    VirtualTimers timers{bus};
    VirtualLedRing ring;
    VirtualWifi wifi{bus, config.networks};
    InprocHttpClient http;
    VirtualFlash flash;
    SeededRandom random;
    VirtualSpeech speech{bus, trace};
    VirtualCrypto crypto{config.seed, config.device.serial_number};
    VirtualRtc rtc{scheduler, config.device_rtc_unix};
    CompanionApp app{bus, trace, cloud};
    hal::Board board{clock, timers, ring, wifi, http, flash, random, trace, speech, crypto, rtc};
    std::optional<fw::Speaker> speaker;  // engaged while powered
    std::function<void(const fw::Event&)> observer;
    bool internet_up = true;
};

VirtualSpeaker::VirtualSpeaker(WorldConfig config) : world_(std::make_unique<World>(std::move(config))) {}

VirtualSpeaker::~VirtualSpeaker() = default;

Millis VirtualSpeaker::now() const { return world_->scheduler.now(); }

void VirtualSpeaker::power_on() {
    World& w = *world_;
    if (w.speaker) return;  // already on: pressing "on" again changes nothing
    w.trace.record_line("power", "on", "");
    // A cut that happened ends with the next power-on; one still armed stays armed.
    if (w.flash.power_cut()) w.flash.restore_power();
    w.clock.mark_power_on();
    w.speaker.emplace(w.board, w.device_config);
    fw::Speaker& speaker = *w.speaker;
    w.bus.attach([&w, &speaker](const fw::Event& event) {
        if (w.observer) w.observer(event);
        speaker.dispatch(event);
    });
    speaker.power_on();
}

void VirtualSpeaker::power_off() {
    World& w = *world_;
    if (!w.speaker) return;
    w.trace.record_line("power", "off", "");
    // Detach first: whatever the firmware's destructor asks of the board is never answered.
    w.bus.detach();
    w.speaker.reset();
    w.timers.reset();
    w.wifi.reset();
    w.http.reset();
    w.speech.cut();
    w.ring.go_dark();
}

bool VirtualSpeaker::powered() const { return world_->speaker.has_value(); }

void VirtualSpeaker::press(hal::Button button) { world_->bus.dispatch(fw::Event::button_down(button)); }

void VirtualSpeaker::release(hal::Button button) { world_->bus.dispatch(fw::Event::button_up(button)); }

void VirtualSpeaker::provision(const std::string& ssid, const std::string& password, const std::string& account) {
    world_->app.provision(ssid, password, account);
}

cloud::ApprovalResult VirtualSpeaker::approve_shown_code(const std::string& account) {
    return world_->app.approve(powered() ? world_->speaker->user_code() : std::string_view{}, account);
}

fw::DeviceState VirtualSpeaker::device_state() const {
    return powered() ? world_->speaker->device_state() : fw::DeviceState::Off;
}

fw::AuthState VirtualSpeaker::auth_state() const {
    return powered() ? world_->speaker->auth_state() : fw::AuthState::Unlinked;
}

fw::RingPattern VirtualSpeaker::ring_pattern() const {
    return powered() ? world_->speaker->ring_pattern() : fw::RingPattern::Off;
}

hal::RingFrame VirtualSpeaker::leds() const { return world_->ring.frame(); }

std::string VirtualSpeaker::user_code() const {
    return powered() ? std::string(world_->speaker->user_code()) : std::string();
}

namespace {

// Reads what the firmware would load at boot. The store's buffer is large: heap, not stack.
std::unique_ptr<fw::StoredCredentials> load_stored(hal::Flash& flash, hal::Crypto& crypto) {
    auto credentials = std::make_unique<fw::StoredCredentials>();
    auto store = std::make_unique<fw::TokenStore>(flash, crypto);
    if (!store->load(*credentials)) credentials->wipe();
    return credentials;
}

} // namespace

VirtualFlash& VirtualSpeaker::flash() { return world_->flash; }

hal::Crypto& VirtualSpeaker::device_crypto() { return world_->crypto; }

bool VirtualSpeaker::stored_refresh_token_present() const {
    return load_stored(world_->flash, world_->crypto)->has_refresh_token();
}

std::optional<std::string> VirtualSpeaker::stored_token_account() const {
    const auto stored = load_stored(world_->flash, world_->crypto);
    if (!stored->has_refresh_token()) return std::nullopt;
    return world_->cloud.refresh_token_account(stored->refresh_token.view());
}

std::int64_t VirtualSpeaker::device_rtc_unix() const { return world_->rtc.unix_seconds(); }

void VirtualSpeaker::set_internet_up(bool up) {
    world_->trace.record_line("test", up ? "internet_up" : "internet_down", "");
    world_->internet_up = up;
}

cloud::CloudService& VirtualSpeaker::cloud() { return world_->cloud; }

const std::vector<TraceLine>& VirtualSpeaker::trace() const { return world_->trace.lines(); }

const std::vector<SpokenSentence>& VirtualSpeaker::spoken() const { return world_->speech.sentences(); }

bool VirtualSpeaker::run_until(Millis deadline, const std::function<bool()>& stop) {
    Scheduler& scheduler = world_->scheduler;
    const auto holds = [&stop] { return stop && stop(); };
    if (holds()) return true;
    while (scheduler.run_next(deadline)) {
        if (holds()) return true;
    }
    scheduler.advance_to(deadline);
    return false;
}

void VirtualSpeaker::advance(Millis duration) { run_until(now() + duration, nullptr); }

std::uint64_t VirtualSpeaker::events_processed() const { return world_->scheduler.executed(); }

void VirtualSpeaker::observe_events(std::function<void(const fw::Event&)> observer) {
    world_->observer = std::move(observer);
}

} // namespace ringside::sim
