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
#include "sim/board/seeded_random.hpp"
#include "sim/board/trace_recorder.hpp"
#include "sim/board/virtual_board.hpp"
#include "sim/board/virtual_flash.hpp"
#include "sim/board/virtual_wifi.hpp"
#include "sim/clock/scheduler.hpp"
#include "common/prng.hpp"
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

// One speaker of the world and everything that links it to the world: its own bus, radio,
// network path, app, trace recorder and board. Member order is construction order: the
// device last (it holds references to the parts before it).
struct VirtualSpeaker::Speaker {
    Speaker(World& world, std::uint32_t index, std::string speaker_name, DeviceIdentity identity,
            std::uint64_t speaker_seed, const DeviceFactory& make_device);

    // The band of the network the radio is on (or last tried).
    WifiBand current_band() const;

    World& world;
    std::uint32_t index;
    std::string name;
    DeviceIdentity identity;
    std::uint64_t seed;
    TraceRecorder trace;
    DeviceBus bus;
    VirtualWifi wifi;
    InprocHttpClient http;
    LinkModel link;
    CompanionApp app;
    AppSetupLink setup_link;
    bool internet_up = true;
    // Fleet tallies: the states last counted, and when it first powered on and first linked.
    fw::DeviceState counted_device = fw::DeviceState::Off;
    fw::AuthState counted_auth = fw::AuthState::Unlinked;
    bool dirty = false;
    std::optional<Millis> first_power_on, first_linked;
    std::unique_ptr<Device> device;
};

struct VirtualSpeaker::World {
    World(WorldConfig world_config, const CloudFactory& make_cloud, const DeviceFactory& make_device)
        : config(std::move(world_config)),
          cloud_owner(make(make_cloud, on_calendar(config.cloud, config.world_start_unix))),
          cloud(*cloud_owner) {
        if (config.speakers.empty()) {
            add_speaker({}, config.device, config.seed, make_device);
        } else {
            // A board on a link is one speaker; a world of several is the virtual board's.
            if (make_device) throw std::invalid_argument("a world of several speakers runs on the virtual speaker only");
            speakers.reserve(config.speakers.size());
            std::uint64_t draw = config.seed;
            for (std::size_t i = 0; i < config.speakers.size(); ++i) {
                DeviceIdentity identity = config.device;
                identity.serial_number = config.speakers[i].serial_number.empty()
                                             ? fleet_serial_number(i)
                                             : config.speakers[i].serial_number;
                // The first keeps the world's seed, so a one-speaker scenario's run is unchanged
                // when it names its speaker; the others draw theirs from it.
                const std::uint64_t seed = i == 0 ? config.seed : common::splitmix64(draw);
                add_speaker(config.speakers[i].name, std::move(identity), seed, {});
            }
        }
        plant_defect();
    }

    void add_speaker(std::string name, DeviceIdentity identity, std::uint64_t seed, const DeviceFactory& make_device) {
        const auto index = static_cast<std::uint32_t>(speakers.size());
        speakers.push_back(std::make_unique<Speaker>(*this, index, std::move(name), std::move(identity), seed, make_device));
        const Speaker& s = *speakers.back();
        ++tally[{s.counted_device, s.counted_auth}];
    }

    // One request reaching the cloud, and its answer.
    cloud::CloudResponse carry(const cloud::CloudRequest& request, Millis now) {
        cloud::CloudResponse response = cloud.handle(request, now);
        for (int resent = 1; config.plant == PlantedDefect::RetryStorm && resent < 20 && response.status >= 500; ++resent)
            response = cloud.handle(request, now);
        if (config.plant == PlantedDefect::CrashOnReset && response.broken == cloud::Break::Reset) std::abort();
        secrets.see(request, response);
        if (config.plant == PlantedDefect::LeakAuthorization)
            speakers.front()->trace.record_line("http", "request", request.authorization + " " + request.body);
        return response;
    }

    void plant_defect() {
        const PlantedDefect plant = config.plant;
        for (const auto& s : speakers) {
            if (plant == PlantedDefect::LossyFlash) {
                if (VirtualFlash* flash = s->device->flash()) flash->wipe_on_cut(true);
            }
            if (plant == PlantedDefect::NoJitter) {
                if (SeededRandom* random = s->device->random()) random->stick();
            }
            if (plant == PlantedDefect::NoSlowDown || plant == PlantedDefect::IgnoreRetryAfter ||
                plant == PlantedDefect::FatalServerError || plant == PlantedDefect::AcceptRevokedGrant)
                s->http.set_distortion([plant](cloud::CloudResponse& response) { distort_answer(plant, response); });
        }
    }

    // The planted Wi-Fi driver that spins: an event that schedules itself at the same instant.
    void spin() {
        scheduler.schedule_at(scheduler.now(), [this] { spin(); });
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

    // A speaker's states may have changed (it traced a line, or was powered on or off): it
    // is counted again once the event that changed it is over, when its getters tell the
    // state it settled in.
    void touched(std::uint32_t speaker) {
        Speaker& s = *speakers[speaker];
        if (s.dirty) return;
        s.dirty = true;
        dirty.push_back(speaker);
    }

    void recount() {
        for (const std::uint32_t i : dirty) {
            Speaker& s = *speakers[i];
            s.dirty = false;
            const fw::DeviceState device = s.device->device_state();
            const fw::AuthState auth = s.device->auth_state();
            if (device != fw::DeviceState::Off && !s.first_power_on) s.first_power_on = scheduler.now();
            if (auth == fw::AuthState::Linked && !s.first_linked) s.first_linked = scheduler.now();
            if (device == s.counted_device && auth == s.counted_auth) continue;
            --tally[{s.counted_device, s.counted_auth}];
            ++tally[{device, auth}];
            s.counted_device = device;
            s.counted_auth = auth;
        }
        dirty.clear();
    }

    WorldConfig config;
    Scheduler scheduler;
    std::vector<TraceLine> trace_lines;  // every speaker's, and the world's own
    std::unique_ptr<cloud::CloudAccess> cloud_owner;
    cloud::CloudAccess& cloud;
    SecretWitness secrets;  // test face: every secret that crossed the wire
    std::set<std::string> provisioned_passwords;  // Wi-Fi passwords the app handed over
    std::map<std::string, VirtualSpeaker::Mark> marks;
    std::function<void()> after_event;  // property checks' hook
    std::vector<std::unique_ptr<Speaker>> speakers;
    std::vector<std::uint32_t> dirty;   // speakers to count again
    std::map<std::pair<fw::DeviceState, fw::AuthState>, std::size_t> tally;

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

VirtualSpeaker::Speaker::Speaker(World& w, std::uint32_t i, std::string speaker_name, DeviceIdentity id,
                                 std::uint64_t speaker_seed, const DeviceFactory& make_device)
    : world(w),
      index(i),
      name(std::move(speaker_name)),
      identity(std::move(id)),
      seed(speaker_seed),
      trace(w.scheduler, w.trace_lines, i, [&w](std::uint32_t speaker) { w.touched(speaker); }),
      bus(w.scheduler),
      wifi(bus, w.config.networks),
      http(bus, w.config.cloud.issuer, [&w](const cloud::CloudRequest& request, Millis now) { return w.carry(request, now); },
           [this] { return wifi.associated() && internet_up; }, w.config.network_latency),
      link(speaker_seed),
      app(bus, trace, w.cloud),
      setup_link(w.scheduler) {
    // Only a world whose networks declare a band or whose congestion changes draws from
    // the link model; the default 2.4 GHz uncongested hop is the fixed latency.
    http.set_hop([this]() -> std::optional<Millis> {
        const WifiBand band = current_band();
        if (band == WifiBand::GHz2_4 && link.congestion() == Congestion::None && !link.down())
            return world.config.network_latency;
        return link.hop(band);
    });
    // The certificate is checked against the speaker's own clock, wherever it runs.
    http.set_certificate_check([this] { return device->rtc_unix(); }, w.config.cert_not_before_unix,
                               w.config.cert_not_after_unix);
    if (w.config.open_internet) http.answer_every_origin();
    const DeviceContext context{seed,
                                w.config.cloud.issuer,
                                identity.client_id,
                                identity.scope,
                                identity.product_id,
                                identity.serial_number,
                                identity.dialect.value_or(w.config.cloud.dialect) == cloud::Dialect::Lwa
                                    ? fw::AuthDialect::Lwa
                                    : fw::AuthDialect::Rfc8628,
                                w.config.device_rtc_unix,
                                w.scheduler,
                                bus,
                                trace,
                                wifi,
                                http,
                                setup_link};
    device = make_device ? make_device(context) : std::make_unique<VirtualBoard>(context);
}

WifiBand VirtualSpeaker::Speaker::current_band() const {
    for (const WifiNetwork& n : world.config.networks)
        if (n.ssid == wifi.ssid()) return n.band;
    return WifiBand::GHz2_4;
}

std::string fleet_serial_number(std::size_t index) {
    std::string digits = std::to_string(index + 1);
    return "RS" + std::string(digits.size() < 10 ? 10 - digits.size() : 0, '0') + digits;
}

VirtualSpeaker::VirtualSpeaker(WorldConfig config, const CloudFactory& make_cloud, const DeviceFactory& make_device)
    : world_(std::make_unique<World>(std::move(config), make_cloud, make_device)) {}

VirtualSpeaker::~VirtualSpeaker() = default;

Millis VirtualSpeaker::now() const { return world_->scheduler.now(); }

void VirtualSpeaker::power_on() {
    settle();
    Speaker& s = on();
    if (s.device->powered()) return;  // already on: pressing "on" again changes nothing
    s.trace.record_line("power", "on", "");
    if (!s.first_power_on) s.first_power_on = now();
    s.device->power_on();
    world_->touched(s.index);
}

void VirtualSpeaker::power_off() {
    settle();
    Speaker& s = on();
    if (!s.device->powered()) return;
    s.trace.record_line("power", "off", "");
    s.device->power_off();
    s.wifi.reset();
    s.http.reset();
    world_->touched(s.index);
}

bool VirtualSpeaker::reflash_client_id(const std::string& client_id) {
    settle();
    Speaker& s = on();
    if (!s.device->reflash_client_id(client_id)) return false;
    s.identity.client_id = client_id;
    s.trace.record_line("power", "reflash", "client_id=" + client_id);
    return true;
}

bool VirtualSpeaker::powered() const { return on().device->powered(); }

void VirtualSpeaker::press(hal::Button button) {
    settle();
    on().bus.dispatch(fw::Event::button_down(button));
}

void VirtualSpeaker::release(hal::Button button) {
    settle();
    on().bus.dispatch(fw::Event::button_up(button));
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
    on().app.provision(ssid, password, account, band);
}

PageResult VirtualSpeaker::sign_in_at_page(const PageSignIn& form) {
    settle();
    BrowserUser browser(on().trace, world_->cloud);
    const std::string shown = user_code();
    return browser.sign_in(shown, form, now());
}

cloud::ApprovalResult VirtualSpeaker::approve_shown_code(const std::string& account, int after_polls) {
    settle();
    return on().app.approve(user_code(), account, after_polls);
}

Millis VirtualSpeaker::say(const std::string& text, int voice) {
    settle();
    on().trace.record_line("user", "say", "voice " + std::to_string(voice));
    return on().device->say(text, voice);
}

std::uint64_t VirtualSpeaker::mic_frames_delivered() const { return on().device->mic_frames_delivered(); }
std::size_t VirtualSpeaker::device_audio_samples() const { return on().device->device_audio_samples(); }
fw::DeviceState VirtualSpeaker::device_state() const { return on().device->device_state(); }
fw::AuthState VirtualSpeaker::auth_state() const { return on().device->auth_state(); }
fw::RingPattern VirtualSpeaker::ring_pattern() const { return on().device->ring_pattern(); }
hal::RingFrame VirtualSpeaker::leds() const { return on().device->leds(); }
std::string VirtualSpeaker::user_code() const { return on().device->user_code(); }
std::string VirtualSpeaker::verification_uri() const { return on().device->verification_uri(); }
std::optional<Millis> VirtualSpeaker::access_token_expires_at() const {
    return on().device->access_token_expires_at();
}

VirtualFlash& VirtualSpeaker::flash() {
    if (VirtualFlash* f = on().device->flash()) return *f;
    throw std::logic_error("this speaker's flash is not in this process (a sim-only test face)");
}

hal::Crypto& VirtualSpeaker::device_crypto() {
    if (hal::Crypto* c = on().device->crypto()) return *c;
    throw std::logic_error("this speaker's device key is not in this process (a sim-only test face)");
}

bool VirtualSpeaker::stored_refresh_token_present() const { return on().device->stored_refresh_token().has_value(); }

std::optional<std::string> VirtualSpeaker::stored_token_account() const {
    const auto token = on().device->stored_refresh_token();
    if (!token) return std::nullopt;
    return world_->cloud.refresh_token_account(*token);
}

std::optional<std::size_t> VirtualSpeaker::stored_refresh_token_fingerprint() const {
    const auto token = on().device->stored_refresh_token();
    if (!token) return std::nullopt;
    return std::hash<std::string>{}(*token);
}

std::int64_t VirtualSpeaker::device_rtc_unix() const { return on().device->rtc_unix(); }

void VirtualSpeaker::set_internet_up(bool up) {
    settle();
    on().trace.record_line("test", up ? "internet_up" : "internet_down", "");
    on().internet_up = up;
}

void VirtualSpeaker::set_access_points_on(bool power) {
    settle();
    on().trace.record_line("test", power ? "access_points_on" : "access_points_off", "");
    on().wifi.set_access_points_on(power);
    if (!power && world_->config.plant == PlantedDefect::SpinOnWifiLoss) world_->spin();
}

cloud::CloudAccess& VirtualSpeaker::cloud() { return world_->cloud; }

const std::vector<TraceLine>& VirtualSpeaker::trace() const { return world_->trace_lines; }

const std::vector<SpokenSentence>& VirtualSpeaker::spoken() const { return on().device->spoken(); }

const std::vector<AppMessage>& VirtualSpeaker::app_told() const { return on().setup_link.told(); }

bool VirtualSpeaker::run_until(Millis deadline, const std::function<bool()>& stop) {
    Scheduler& scheduler = world_->scheduler;
    Device& device = *world_->speakers.front()->device;  // the only one that may be a board
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
        if (!world_->dirty.empty()) world_->recount();
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
    while (world_->speakers.front()->device->run_to(now())) {
    }
}

void VirtualSpeaker::advance(Millis duration) { run_until(now() + duration, nullptr); }

void VirtualSpeaker::at(Millis at, std::function<void()> action) { world_->scheduler.schedule_at(at, std::move(action)); }

void VirtualSpeaker::after_each_event(std::function<void()> after) { world_->after_event = std::move(after); }

void VirtualSpeaker::tap_wire(WireTap tap) {
    for (const auto& s : world_->speakers) s->http.set_tap(tap);
}

std::set<std::string> VirtualSpeaker::secrets_used() const { return world_->all_secrets(); }

void VirtualSpeaker::set_mark(const std::string& name) {
    world_->marks[name] = Mark{now(), world_->cloud.journal().size(), trace().size(), spoken().size()};
}

std::optional<VirtualSpeaker::Mark> VirtualSpeaker::mark(const std::string& name) const {
    const auto it = world_->marks.find(name);
    if (it == world_->marks.end()) return std::nullopt;
    return it->second;
}

LinkModel& VirtualSpeaker::link() { return on().link; }

VirtualSpeaker::Speaker& VirtualSpeaker::on() const { return *world_->speakers[focus_]; }

std::size_t VirtualSpeaker::speaker_count() const { return world_->speakers.size(); }

const std::string& VirtualSpeaker::speaker_name(std::size_t speaker) const { return world_->speakers.at(speaker)->name; }

std::optional<std::size_t> VirtualSpeaker::find_speaker(std::string_view name) const {
    for (const auto& s : world_->speakers)
        if (s->name == name) return s->index;
    return std::nullopt;
}

void VirtualSpeaker::focus(std::size_t speaker) {
    if (speaker >= world_->speakers.size()) throw std::out_of_range("no speaker " + std::to_string(speaker));
    focus_ = speaker;
}

std::size_t VirtualSpeaker::focused() const { return focus_; }

const std::string& VirtualSpeaker::serial_number() const { return on().identity.serial_number; }

std::size_t VirtualSpeaker::count_speakers(std::optional<fw::DeviceState> device, std::optional<fw::AuthState> auth) const {
    world_->recount();
    std::size_t n = 0;
    for (const auto& [states, count] : world_->tally)
        if ((!device || states.first == *device) && (!auth || states.second == *auth)) n += count;
    return n;
}

std::vector<std::optional<Millis>> VirtualSpeaker::sign_in_times() const {
    world_->recount();
    std::vector<std::optional<Millis>> out;
    out.reserve(world_->speakers.size());
    for (const auto& s : world_->speakers)
        out.push_back(s->first_power_on && s->first_linked ? std::optional<Millis>(*s->first_linked - *s->first_power_on)
                                                           : std::nullopt);
    return out;
}

std::uint64_t VirtualSpeaker::events_processed() const { return world_->scheduler.executed(); }

std::uint64_t VirtualSpeaker::seed() const { return world_->config.seed; }

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
    on().device->observe_events(std::move(observer));
}

} // namespace ringside::sim
