#pragma once
// The inside of a VirtualSpeaker: the world — clock, cloud, trace, marks, secrets, fleet
// tallies — and each of its speakers with everything that links that speaker to it (bus,
// radio, network path, app, trace recorder, board). The test face is virtual_speaker.hpp.
// Who may include: sim/virtual_speaker.cpp and sim/world_parts.cpp only.
#include "sim/virtual_speaker.hpp"

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
    World(WorldConfig world_config, const CloudFactory& make_cloud, const DeviceFactory& make_device);

    void add_speaker(std::string name, DeviceIdentity identity, std::uint64_t seed, const DeviceFactory& make_device);

    // One request reaching the cloud, and its answer.
    cloud::CloudResponse carry(const cloud::CloudRequest& request, Millis now);

    void plant_defect();

    // The planted Wi-Fi driver that spins: an event that schedules itself at the same instant.
    void spin();

    // Every secret of this world: what crossed the wire plus every password it was given.
    std::set<std::string> all_secrets() const;

    // A speaker's states may have changed (it traced a line, or was powered on or off): it
    // is counted again once the event that changed it is over, when its getters tell the
    // state it settled in.
    void touched(std::uint32_t speaker);

    void recount();

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
    void sample_before(std::chrono::microseconds t);
};


} // namespace ringside::sim
