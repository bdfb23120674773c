// The virtual world's test face (virtual_speaker.hpp): each call acts on the focused speaker
// or on the world as a whole. The parts and their wiring are in world_parts.*.
#include "sim/virtual_speaker.hpp"

#include <stdexcept>
#include <utility>

#include "sim/app/browser_user.hpp"
#include "sim/world_parts.hpp"

namespace ringside::sim {

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
