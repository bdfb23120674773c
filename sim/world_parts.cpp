// How a world is put together: its speakers made and wired, requests carried to the cloud,
// defects planted, secrets gathered, fleet tallies kept.
#include "sim/world_parts.hpp"

#include <cstdlib>

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

VirtualSpeaker::World::World(WorldConfig world_config, const CloudFactory& make_cloud, const DeviceFactory& make_device)
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

void VirtualSpeaker::World::add_speaker(std::string name, DeviceIdentity identity, std::uint64_t seed, const DeviceFactory& make_device) {
    const auto index = static_cast<std::uint32_t>(speakers.size());
    speakers.push_back(std::make_unique<Speaker>(*this, index, std::move(name), std::move(identity), seed, make_device));
    const Speaker& s = *speakers.back();
    ++tally[{s.counted_device, s.counted_auth}];
}

cloud::CloudResponse VirtualSpeaker::World::carry(const cloud::CloudRequest& request, Millis now) {
    cloud::CloudResponse response = cloud.handle(request, now);
    for (int resent = 1; config.plant == PlantedDefect::RetryStorm && resent < 20 && response.status >= 500; ++resent)
        response = cloud.handle(request, now);
    if (config.plant == PlantedDefect::CrashOnReset && response.broken == cloud::Break::Reset) std::abort();
    secrets.see(request, response);
    if (config.plant == PlantedDefect::LeakAuthorization)
        speakers.front()->trace.record_line("http", "request", request.authorization + " " + request.body);
    return response;
}

void VirtualSpeaker::World::plant_defect() {
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

void VirtualSpeaker::World::spin() {
    scheduler.schedule_at(scheduler.now(), [this] { spin(); });
}

std::set<std::string> VirtualSpeaker::World::all_secrets() const {
    std::set<std::string> out = secrets.secrets();
    for (const WifiNetwork& n : config.networks)
        if (n.password.size() >= 4) out.insert(n.password);
    for (const cloud::Account& a : cloud.config().accounts)
        if (a.password.size() >= 4) out.insert(a.password);
    for (const std::string& p : provisioned_passwords) out.insert(p);
    return out;
}

void VirtualSpeaker::World::touched(std::uint32_t speaker) {
    Speaker& s = *speakers[speaker];
    if (s.dirty) return;
    s.dirty = true;
    dirty.push_back(speaker);
}

void VirtualSpeaker::World::recount() {
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

void VirtualSpeaker::World::sample_before(std::chrono::microseconds t) {
    for (; sampler && next_sample < t; next_sample += sample_period) {
        scheduler.look_at(std::chrono::duration_cast<Millis>(next_sample));
        sampler(next_sample);
    }
}

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

} // namespace ringside::sim
