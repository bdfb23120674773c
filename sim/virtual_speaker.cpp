// The virtual world: wires the scheduler, the in-process or remote cloud, the network, the
// Wi-Fi networks in range and the companion app around the speaker (a Device: the virtual
// board here, or a board on a serial link).
#include "sim/virtual_speaker.hpp"

#include <cstdlib>
#include <map>

#include <optional>
#include <set>
#include <stdexcept>
#include <utility>

#include "sim/app/app_setup_link.hpp"
#include "sim/app/browser_user.hpp"
#include "sim/app/companion_app.hpp"
#include "sim/board/device_bus.hpp"
#include "sim/board/inproc_http_client.hpp"
#include "sim/board/secret_witness.hpp"
#include "sim/board/trace_recorder.hpp"
#include "sim/board/virtual_board.hpp"
#include "sim/board/virtual_flash.hpp"
#include "sim/board/virtual_wifi.hpp"
#include "sim/clock/scheduler.hpp"
#include "cloud/service/cloud_service.hpp"

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

// Member order is construction order: the device last (it holds references to the world's
// parts it is linked to).
struct VirtualSpeaker::World {
    World(WorldConfig world_config, const CloudFactory& make_cloud, const DeviceFactory& make_device)
        : config(std::move(world_config)),
          cloud_owner(make(make_cloud, on_calendar(config.cloud, config.world_start_unix))),
          cloud(*cloud_owner),
          http(bus, config.cloud.issuer,
               [this](const cloud::CloudRequest& request, Millis now) { return carry(request, now); },
               [this] { return wifi.associated() && internet_up; }, config.network_latency),
          link(config.seed) {
        // Only a world whose networks declare a band or whose congestion changes draws from
        // the link model; the default 2.4 GHz uncongested hop is the fixed latency.
        http.set_hop([this]() -> std::optional<Millis> {
            const WifiBand band = current_band();
            if (band == WifiBand::GHz2_4 && link.congestion() == Congestion::None && !link.down())
                return this->config.network_latency;
            return link.hop(band);
        });
        // The certificate is checked against the speaker's own clock, wherever it runs.
        http.set_certificate_check([this] { return device->rtc_unix(); }, config.cert_not_before_unix,
                                   config.cert_not_after_unix);
        if (config.open_internet) http.answer_every_origin();
        const DeviceContext context{config.seed,
                                    config.cloud.issuer,
                                    config.device.client_id,
                                    config.device.scope,
                                    config.device.product_id,
                                    config.device.serial_number,
                                    config.device.dialect.value_or(config.cloud.dialect) == cloud::Dialect::Lwa
                                        ? fw::AuthDialect::Lwa
                                        : fw::AuthDialect::Rfc8628,
                                    config.device_rtc_unix,
                                    scheduler,
                                    bus,
                                    trace,
                                    wifi,
                                    http,
                                    setup_link};
        device = make_device ? make_device(context) : std::make_unique<VirtualBoard>(context);
        plant_defect();
    }

    // One request reaching the cloud, and its answer.
    cloud::CloudResponse carry(const cloud::CloudRequest& request, Millis now) {
        cloud::CloudResponse response = cloud.handle(request, now);
        for (int resent = 1; config.plant == PlantedDefect::RetryStorm && resent < 20 && response.status >= 500; ++resent)
            response = cloud.handle(request, now);
        if (config.plant == PlantedDefect::CrashOnReset && response.broken == cloud::Break::Reset) std::abort();
        secrets.see(request, response);
        if (config.plant == PlantedDefect::LeakAuthorization)
            trace.record_line("http", "request", request.authorization + " " + request.body);
        return response;
    }

    void plant_defect() {
        const PlantedDefect plant = config.plant;
        if (plant == PlantedDefect::LossyFlash) {
            if (VirtualFlash* flash = device->flash()) flash->wipe_on_cut(true);
        }
        if (plant == PlantedDefect::NoSlowDown || plant == PlantedDefect::IgnoreRetryAfter ||
            plant == PlantedDefect::FatalServerError || plant == PlantedDefect::AcceptRevokedGrant)
            http.set_distortion([plant](cloud::CloudResponse& response) { distort_answer(plant, response); });
    }

    // The planted Wi-Fi driver that spins: an event that schedules itself at the same instant.
    void spin() {
        scheduler.schedule_at(scheduler.now(), [this] { spin(); });
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
    Scheduler scheduler;
    TraceRecorder trace{scheduler};
    std::unique_ptr<cloud::CloudAccess> cloud_owner;
    cloud::CloudAccess& cloud;
    SecretWitness secrets;  // test face: every secret that crossed the wire
    DeviceBus bus{scheduler};
    VirtualWifi wifi{bus, config.networks};
    InprocHttpClient http;
    LinkModel link;
    CompanionApp app{bus, trace, cloud};
    AppSetupLink setup_link{scheduler};
    std::set<std::string> provisioned_passwords;  // Wi-Fi passwords the app handed over
    std::map<std::string, VirtualSpeaker::Mark> marks;
    bool internet_up = true;
    std::function<void()> after_event;  // property checks' hook
    std::unique_ptr<Device> device;

    // sample_every(): the next instant to hand over, and to whom.
    std::chrono::microseconds sample_period{0};
    std::chrono::microseconds next_sample{0};
    std::function<void(std::chrono::microseconds)> sampler;

    // Hands over every pending sample instant before `t` (microseconds), the clock at each
    // (to the ms): the ring's frame is a function of time, not only of events.
    void sample_before(std::chrono::microseconds t) {
        for (; sampler && next_sample < t; next_sample += sample_period) {
            scheduler.look_at(std::chrono::duration_cast<Millis>(next_sample));
            sampler(next_sample);
        }
    }
};

VirtualSpeaker::VirtualSpeaker(WorldConfig config, const CloudFactory& make_cloud, const DeviceFactory& make_device)
    : world_(std::make_unique<World>(std::move(config), make_cloud, make_device)) {}

VirtualSpeaker::~VirtualSpeaker() = default;

Millis VirtualSpeaker::now() const { return world_->scheduler.now(); }

void VirtualSpeaker::power_on() {
    settle();
    World& w = *world_;
    if (w.device->powered()) return;  // already on: pressing "on" again changes nothing
    w.trace.record_line("power", "on", "");
    w.device->power_on();
}

void VirtualSpeaker::power_off() {
    settle();
    World& w = *world_;
    if (!w.device->powered()) return;
    w.trace.record_line("power", "off", "");
    w.device->power_off();
    w.wifi.reset();
    w.http.reset();
}

bool VirtualSpeaker::reflash_client_id(const std::string& client_id) {
    settle();
    World& w = *world_;
    if (!w.device->reflash_client_id(client_id)) return false;
    w.config.device.client_id = client_id;
    w.trace.record_line("power", "reflash", "client_id=" + client_id);
    return true;
}

bool VirtualSpeaker::powered() const { return world_->device->powered(); }

void VirtualSpeaker::press(hal::Button button) {
    settle();
    world_->bus.dispatch(fw::Event::button_down(button));
}

void VirtualSpeaker::release(hal::Button button) {
    settle();
    world_->bus.dispatch(fw::Event::button_up(button));
}

void VirtualSpeaker::provision(const std::string& ssid, const std::string& password, const std::string& account) {
    hal::WifiBand band = hal::WifiBand::Any;
    for (const WifiNetwork& n : world_->config.networks)
        if (n.ssid == ssid) band = n.band == WifiBand::GHz5 ? hal::WifiBand::GHz5 : hal::WifiBand::GHz2_4;
    provision(ssid, password, account, band);
}

void VirtualSpeaker::provision(const std::string& ssid, const std::string& password, const std::string& account,
                               hal::WifiBand band) {
    settle();
    if (password.size() >= 4) world_->provisioned_passwords.insert(password);
    world_->app.provision(ssid, password, account, band);
}

PageResult VirtualSpeaker::sign_in_at_page(const PageSignIn& form) {
    settle();
    BrowserUser browser(world_->trace, world_->cloud);
    const std::string shown = user_code();
    return browser.sign_in(shown, form, now());
}

cloud::ApprovalResult VirtualSpeaker::approve_shown_code(const std::string& account, int after_polls) {
    settle();
    return world_->app.approve(user_code(), account, after_polls);
}

Millis VirtualSpeaker::say(const std::string& text, int voice) {
    settle();
    world_->trace.record_line("user", "say", "voice " + std::to_string(voice));
    return world_->device->say(text, voice);
}

std::uint64_t VirtualSpeaker::mic_frames_delivered() const { return world_->device->mic_frames_delivered(); }
std::size_t VirtualSpeaker::device_audio_samples() const { return world_->device->device_audio_samples(); }
fw::DeviceState VirtualSpeaker::device_state() const { return world_->device->device_state(); }
fw::AuthState VirtualSpeaker::auth_state() const { return world_->device->auth_state(); }
fw::RingPattern VirtualSpeaker::ring_pattern() const { return world_->device->ring_pattern(); }
hal::RingFrame VirtualSpeaker::leds() const { return world_->device->leds(); }
std::string VirtualSpeaker::user_code() const { return world_->device->user_code(); }
std::string VirtualSpeaker::verification_uri() const { return world_->device->verification_uri(); }
std::optional<Millis> VirtualSpeaker::access_token_expires_at() const {
    return world_->device->access_token_expires_at();
}

VirtualFlash& VirtualSpeaker::flash() {
    if (VirtualFlash* f = world_->device->flash()) return *f;
    throw std::logic_error("this speaker's flash is not in this process (a sim-only test face)");
}

hal::Crypto& VirtualSpeaker::device_crypto() {
    if (hal::Crypto* c = world_->device->crypto()) return *c;
    throw std::logic_error("this speaker's device key is not in this process (a sim-only test face)");
}

bool VirtualSpeaker::stored_refresh_token_present() const { return world_->device->stored_refresh_token().has_value(); }

std::optional<std::string> VirtualSpeaker::stored_token_account() const {
    const auto token = world_->device->stored_refresh_token();
    if (!token) return std::nullopt;
    return world_->cloud.refresh_token_account(*token);
}

std::optional<std::size_t> VirtualSpeaker::stored_refresh_token_fingerprint() const {
    const auto token = world_->device->stored_refresh_token();
    if (!token) return std::nullopt;
    return std::hash<std::string>{}(*token);
}

std::int64_t VirtualSpeaker::device_rtc_unix() const { return world_->device->rtc_unix(); }

void VirtualSpeaker::set_internet_up(bool up) {
    settle();
    world_->trace.record_line("test", up ? "internet_up" : "internet_down", "");
    world_->internet_up = up;
}

void VirtualSpeaker::set_access_points_on(bool on) {
    settle();
    world_->trace.record_line("test", on ? "access_points_on" : "access_points_off", "");
    world_->wifi.set_access_points_on(on);
    if (!on && world_->config.plant == PlantedDefect::SpinOnWifiLoss) world_->spin();
}

cloud::CloudAccess& VirtualSpeaker::cloud() { return world_->cloud; }

const std::vector<TraceLine>& VirtualSpeaker::trace() const { return world_->trace.lines(); }

const std::vector<SpokenSentence>& VirtualSpeaker::spoken() const { return world_->device->spoken(); }

const std::vector<AppMessage>& VirtualSpeaker::app_told() const { return world_->setup_link.told(); }

bool VirtualSpeaker::run_until(Millis deadline, const std::function<bool()>& stop) {
    Scheduler& scheduler = world_->scheduler;
    Device& device = *world_->device;
    const auto holds = [&stop] { return stop && stop(); };
    // A board on a link answers the inputs of this instant after they were sent: the first
    // check must see its answer, not the state from before (an expectation right after
    // `wifi: lost` would otherwise see the speaker still linked).
    settle();
    if (holds()) return true;
    Millis instant = scheduler.now();
    std::uint64_t events_at_instant = 0;
    for (;;) {
        // The device is brought to the world's next event (or the deadline) first: a device
        // with a clock of its own (a lockstep board) may stop earlier with something to say,
        // which can schedule world events before the one we were heading for.
        const std::optional<Millis> next = scheduler.next_time();
        const Millis until = next && *next < deadline ? std::max(*next, scheduler.now()) : deadline;
        if (device.run_to(until)) {
            if (holds()) return true;
            continue;
        }
        if (!scheduler.run_next(deadline)) break;
        if (world_->after_event) world_->after_event();
        // The watchdog: time must move. A world that runs this many events at one instant
        // has stopped advancing (a real speaker would hang), and the run cannot go on.
        if (scheduler.now() != instant) {
            instant = scheduler.now();
            events_at_instant = 0;
        } else if (++events_at_instant > kStallEvents) {
            throw WorldStalled("the world stopped advancing: more than " + std::to_string(kStallEvents) +
                               " events at one virtual instant");
        }
        if (holds()) return true;
    }
    scheduler.advance_to(deadline);
    return false;
}

void VirtualSpeaker::settle() {
    // Whatever the device said about earlier inputs at this instant goes into the trace and
    // the world before the next action does, as it would with one shared clock.
    while (world_->device->run_to(now())) {
    }
}

void VirtualSpeaker::advance(Millis duration) { run_until(now() + duration, nullptr); }

void VirtualSpeaker::at(Millis at, std::function<void()> action) { world_->scheduler.schedule_at(at, std::move(action)); }

void VirtualSpeaker::after_each_event(std::function<void()> after) { world_->after_event = std::move(after); }

void VirtualSpeaker::tap_wire(WireTap tap) { world_->http.set_tap(std::move(tap)); }

std::set<std::string> VirtualSpeaker::secrets_used() const { return world_->all_secrets(); }

void VirtualSpeaker::set_mark(const std::string& name) {
    world_->marks[name] = Mark{now(), world_->cloud.journal().size(), trace().size(), spoken().size()};
}

std::optional<VirtualSpeaker::Mark> VirtualSpeaker::mark(const std::string& name) const {
    const auto it = world_->marks.find(name);
    if (it == world_->marks.end()) return std::nullopt;
    return it->second;
}

LinkModel& VirtualSpeaker::link() { return world_->link; }

std::uint64_t VirtualSpeaker::events_processed() const { return world_->scheduler.executed(); }

void VirtualSpeaker::sample_every(std::chrono::microseconds period, std::function<void(std::chrono::microseconds)> sampler) {
    World& w = *world_;
    if (period.count() <= 0 || !sampler) {
        w.sampler = nullptr;
        w.scheduler.on_time_moving(nullptr);
        return;
    }
    w.sample_period = period;
    const std::chrono::microseconds from = now();
    w.next_sample = (from + period - std::chrono::microseconds(1)) / period * period;  // the first instant >= now()
    w.sampler = std::move(sampler);
    w.scheduler.on_time_moving([&w](Millis, Millis to) { w.sample_before(to); });
}

void VirtualSpeaker::flush_samples() { world_->sample_before(std::chrono::microseconds(now()) + std::chrono::microseconds(1)); }

void VirtualSpeaker::observe_events(std::function<void(const fw::Event&)> observer) {
    world_->device->observe_events(std::move(observer));
}

} // namespace ringside::sim
