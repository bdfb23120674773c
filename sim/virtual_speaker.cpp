// The virtual world: wires the scheduler, the virtual board parts, the in-process cloud and
// the companion app around one real fw::Speaker per power-on.
#include "sim/virtual_speaker.hpp"

#include <optional>
#include <set>
#include <utility>

#include "firmware/auth/token_store.hpp"
#include "firmware/speaker.hpp"
#include "sim/app/browser_user.hpp"
#include "sim/app/app_setup_link.hpp"
#include "sim/app/companion_app.hpp"
#include "sim/board/device_bus.hpp"
#include "sim/board/firmware_fence.hpp"
#include "sim/board/inproc_http_client.hpp"
#include "sim/board/secret_witness.hpp"
#include "sim/board/seeded_random.hpp"
#include "sim/board/trace_recorder.hpp"
#include "sim/board/virtual_clock.hpp"
#include "sim/board/virtual_flash.hpp"
#include "sim/board/virtual_led_ring.hpp"
#include "sim/board/virtual_microphone.hpp"
#include "sim/board/virtual_rtc.hpp"
#include "sim/board/virtual_speech.hpp"
#include "sim/board/virtual_timers.hpp"
#include "sim/board/virtual_wifi.hpp"
#include "sim/clock/scheduler.hpp"
#include "sim/cloud/cloud_service.hpp"
#include "sim/crypto/virtual_crypto.hpp"

namespace ringside::sim {
namespace {

// The cloud's calendar is the world's: its Date headers tell the world's time.
cloud::CloudConfig on_calendar(cloud::CloudConfig config, std::int64_t world_start_unix) {
    config.calendar_start_unix = world_start_unix;
    return config;
}

std::unique_ptr<cloud::CloudAccess> make(const CloudFactory& make_cloud, const cloud::CloudConfig& config) {
    return make_cloud ? make_cloud(config) : std::make_unique<cloud::CloudService>(config);
}

} // namespace

// Member order is construction order: config first (the DeviceConfig views point into it),
// the firmware last (it holds references to everything above it).
struct VirtualSpeaker::World {
    World(WorldConfig world_config, const CloudFactory& make_cloud)
        : config(std::move(world_config)),
          device_config{config.cloud.issuer, config.device.client_id, config.device.scope,
                        config.device.product_id, config.device.serial_number,
                        config.device.dialect.value_or(config.cloud.dialect) == cloud::Dialect::Lwa
                            ? fw::AuthDialect::Lwa
                            : fw::AuthDialect::Rfc8628},
          cloud_owner(make(make_cloud, on_calendar(config.cloud, config.world_start_unix))),
          cloud(*cloud_owner),
          http(bus, config.cloud.issuer,
               [this](const cloud::CloudRequest& request, Millis now) {
                   cloud::CloudResponse response = cloud.handle(request, now);
                   secrets.see(request, response);
                   return response;
               },
               [this] { return wifi.associated() && internet_up; }, config.network_latency),
          random(config.seed),
          link(config.seed) {
        // Only a world whose networks declare a band or whose congestion changes draws from
        // the link model; the default 2.4 GHz uncongested hop is the fixed latency.
        http.set_hop([this]() -> std::optional<Millis> {
            const WifiBand band = current_band();
            if (band == WifiBand::GHz2_4 && link.congestion() == Congestion::None && !link.down())
                return this->config.network_latency;
            return link.hop(band);
        });
        http.set_certificate_check([this] { return rtc.unix_seconds(); }, config.cert_not_before_unix,
                                   config.cert_not_after_unix);
    }

    // The band of the network the radio is on (or last tried).
    WifiBand current_band() const {
        for (const WifiNetwork& n : config.networks)
            if (n.ssid == wifi.ssid()) return n.band;
        return WifiBand::GHz2_4;
    }

    // Every secret of this world: what crossed the wire plus every password it was given.
    std::set<std::string> all_secrets() const {
        std::set<std::string> out = secrets.secrets();
        for (const WifiNetwork& n : config.networks)
            if (n.password.size() >= 4) out.insert(n.password);
        for (const cloud::Account& a : cloud.config().accounts)
            if (a.password.size() >= 4) out.insert(a.password);
        for (const std::string& p : provisioned_passwords) out.insert(p);
        return out;
    }

    WorldConfig config;
    fw::DeviceConfig device_config;
    Scheduler scheduler;
    TraceRecorder trace{scheduler};
    std::unique_ptr<cloud::CloudAccess> cloud_owner;
    cloud::CloudAccess& cloud;
    SecretWitness secrets;  // test face: every secret that crossed the wire
    DeviceBus bus{scheduler};
    VirtualClock clock{scheduler};
    VirtualTimers timers{bus};
    VirtualLedRing ring;
    VirtualWifi wifi{bus, config.networks};
    InprocHttpClient http;
    VirtualFlash flash;
    SeededRandom random;
    LinkModel link;
    VirtualSpeech speech{bus, trace};
    VirtualMicrophone mic{bus, config.seed};
    VirtualCrypto crypto{config.seed, config.device.serial_number};
    VirtualRtc rtc{scheduler, config.device_rtc_unix};
    CompanionApp app{bus, trace, cloud};
    AppSetupLink setup_link{scheduler};
    // The firmware reaches the parts through fences, so a footprint probe can tell the
    // firmware's own heap use from the simulator's (sim/board/firmware_fence.hpp).
    fence::FencedClock fenced_clock{clock};
    fence::FencedTimers fenced_timers{timers};
    fence::FencedRing fenced_ring{ring};
    fence::FencedWifi fenced_wifi{wifi};
    fence::FencedHttp fenced_http{http};
    fence::FencedFlash fenced_flash{flash};
    fence::FencedRandom fenced_random{random};
    fence::FencedTrace fenced_trace{trace};
    fence::FencedSpeech fenced_speech{speech};
    fence::FencedMicrophone fenced_mic{mic};
    fence::FencedSetup fenced_setup{setup_link};
    fence::FencedCrypto fenced_crypto{crypto};
    fence::FencedRtc fenced_rtc{rtc};
    hal::Board board{fenced_clock, fenced_timers, fenced_ring,  fenced_wifi,   fenced_http,
                     fenced_flash, fenced_random, fenced_trace, fenced_speech, fenced_mic,
                     fenced_setup, fenced_crypto, fenced_rtc};
    std::optional<fw::Speaker> speaker;  // engaged while powered
    std::function<void(const fw::Event&)> observer;
    std::set<std::string> provisioned_passwords;  // Wi-Fi passwords the app handed over
    bool internet_up = true;
};

VirtualSpeaker::VirtualSpeaker(WorldConfig config, const CloudFactory& make_cloud)
    : world_(std::make_unique<World>(std::move(config), make_cloud)) {}

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
        fence::FirmwareSection firmware;
        speaker.dispatch(event);
    });
    fence::FirmwareSection firmware;
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
    w.mic.reset();
    w.ring.go_dark();
}

bool VirtualSpeaker::reflash_client_id(const std::string& client_id) {
    World& w = *world_;
    if (w.speaker) return false;
    w.config.device.client_id = client_id;
    w.device_config.client_id = w.config.device.client_id;  // the view the next Speaker reads
    w.trace.record_line("power", "reflash", "client_id=" + client_id);
    return true;
}

bool VirtualSpeaker::powered() const { return world_->speaker.has_value(); }

void VirtualSpeaker::press(hal::Button button) { world_->bus.dispatch(fw::Event::button_down(button)); }

void VirtualSpeaker::release(hal::Button button) { world_->bus.dispatch(fw::Event::button_up(button)); }

void VirtualSpeaker::provision(const std::string& ssid, const std::string& password, const std::string& account) {
    hal::WifiBand band = hal::WifiBand::Any;
    for (const WifiNetwork& n : world_->config.networks)
        if (n.ssid == ssid) band = n.band == WifiBand::GHz5 ? hal::WifiBand::GHz5 : hal::WifiBand::GHz2_4;
    provision(ssid, password, account, band);
}

void VirtualSpeaker::provision(const std::string& ssid, const std::string& password, const std::string& account,
                               hal::WifiBand band) {
    if (password.size() >= 4) world_->provisioned_passwords.insert(password);
    world_->app.provision(ssid, password, account, band);
}

PageResult VirtualSpeaker::sign_in_at_page(const PageSignIn& form) {
    BrowserUser browser(world_->trace, world_->cloud);
    return browser.sign_in(powered() ? world_->speaker->user_code() : std::string_view{}, form, now());
}

cloud::ApprovalResult VirtualSpeaker::approve_shown_code(const std::string& account, int after_polls) {
    return world_->app.approve(powered() ? world_->speaker->user_code() : std::string_view{}, account, after_polls);
}

Millis VirtualSpeaker::say(const std::string& text, int voice) {
    world_->trace.record_line("user", "say", "voice " + std::to_string(voice));
    return world_->mic.speak(text, voice);
}

std::uint64_t VirtualSpeaker::mic_frames_delivered() const { return world_->mic.frames_delivered(); }

std::size_t VirtualSpeaker::device_audio_samples() const {
    return powered() ? world_->speaker->voice().buffered_audio_samples() : 0;
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

cloud::CloudAccess& VirtualSpeaker::cloud() { return world_->cloud; }

const std::vector<TraceLine>& VirtualSpeaker::trace() const { return world_->trace.lines(); }

const std::vector<SpokenSentence>& VirtualSpeaker::spoken() const { return world_->speech.sentences(); }

const std::vector<AppMessage>& VirtualSpeaker::app_told() const { return world_->setup_link.told(); }

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

std::set<std::string> VirtualSpeaker::secrets_used() const { return world_->all_secrets(); }

LinkModel& VirtualSpeaker::link() { return world_->link; }

std::uint64_t VirtualSpeaker::events_processed() const { return world_->scheduler.executed(); }

void VirtualSpeaker::observe_events(std::function<void(const fw::Event&)> observer) {
    world_->observer = std::move(observer);
}

} // namespace ringside::sim
