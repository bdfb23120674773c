#pragma once
// The virtual world of one scenario: a discrete-event clock, the virtual board's HAL parts,
// the real firmware, the mock cloud (in-process transport) and the companion-app/user actor.
// This is the test face scenarios drive. Single-threaded; time moves only in run_until().
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "firmware/core/device_config.hpp"
#include "firmware/core/event.hpp"
#include "firmware/core/states.hpp"
#include "firmware/hal/buttons.hpp"
#include "firmware/hal/crypto.hpp"
#include "firmware/hal/led_ring.hpp"
#include "sim/app/page_sign_in.hpp"
#include "sim/app/app_setup_link.hpp"
#include "sim/board/link_model.hpp"
#include "sim/board/planted_defect.hpp"
#include "sim/board/wire_tap.hpp"
#include "cloud/service/cloud_access.hpp"
#include "sim/device.hpp"

namespace ringside::sim {

class VirtualFlash;

using Millis = std::chrono::milliseconds;

struct WifiNetwork {
    std::string ssid;
    std::string password;
    WifiBand band = WifiBand::GHz2_4;  // sets latency and loss (sim/board/link_model.hpp)
};

// Strings owned here back the firmware's DeviceConfig views.
struct DeviceIdentity {
    std::string client_id = "ringside-speaker";
    std::string scope = "speaker";
    std::string product_id = "RS-ONE";
    std::string serial_number = "RS0000000001";
    // The dialect the firmware speaks; unset: the cloud's (a scenario may mismatch them).
    std::optional<cloud::Dialect> dialect;
};

// A speaker of a world of several (WorldConfig::speakers).
struct SpeakerSpec {
    std::string name;           // how steps address it
    std::string serial_number;  // as flashed; empty: fleet_serial_number of its place
};

// "RS" and the 1-based place, ten digits: RS0000000001 for index 0.
std::string fleet_serial_number(std::size_t index);

struct WorldConfig {
    std::uint64_t seed = 1;
    cloud::CloudConfig cloud;           // its issuer is also the device's issuer
    DeviceIdentity device;
    // Empty: one speaker, `device`. Otherwise a speaker per entry, each `device` with its own
    // serial number and its own seed (the first: `seed`; the others drawn from it), flash,
    // radio, network path, companion app and trace tag. All share the clock and the cloud.
    std::vector<SpeakerSpec> speakers;
    std::vector<WifiNetwork> networks;  // networks in range of each speaker
    Millis network_latency{20};         // one way, device <-> cloud
    // Calendar, unix seconds. The world's true time when the scenario starts; where the
    // speaker's battery-backed RTC starts (0: 1970, as after a battery loss); the validity
    // period of the cloud's TLS certificate, checked against the RTC.
    std::int64_t world_start_unix = 1'764'028'800;  // 2025-11-25T00:00:00Z
    std::int64_t device_rtc_unix = 0;
    std::int64_t cert_not_before_unix = 1'735'689'600;  // 2025-01-01
    std::int64_t cert_not_after_unix = 1'830'297'600;   // 2028-01-01
    // The speaker's network reaches every host, not only the issuer's origin: a world
    // against an external issuer (sim/issuer/), whose endpoints may live on other hosts.
    bool open_internet = false;
    // A defect planted around the firmware to prove a property check can fail (never in a
    // world a user runs for its own sake).
    PlantedDefect plant = PlantedDefect::None;
};

// The world stopped advancing: this many events ran at one virtual instant (a livelock; a
// real speaker would hang). The run cannot go on. What the watchdog in run_until throws.
struct WorldStalled : std::runtime_error {
    using std::runtime_error::runtime_error;
};
inline constexpr std::uint64_t kStallEvents = 200'000;

// Makes the cloud a world talks to from the world's effective cloud configuration; the
// default (an empty function) is the service in this process.
using CloudFactory = std::function<std::unique_ptr<cloud::CloudAccess>(const cloud::CloudConfig&)>;

class VirtualSpeaker {
public:
    // `make_cloud`: the cloud it talks to (default: in process); `make_device`: the speaker
    // (default: the virtual board in this process).
    explicit VirtualSpeaker(WorldConfig config, const CloudFactory& make_cloud = {},
                            const DeviceFactory& make_device = {});
    ~VirtualSpeaker();
    VirtualSpeaker(const VirtualSpeaker&) = delete;
    VirtualSpeaker& operator=(const VirtualSpeaker&) = delete;

    Millis now() const;

    // Power. power_off() drops RAM state (the firmware object); flash survives. power_on()
    // also ends a power cut injected into the flash (flash().cut_power_after()).
    void power_on();
    void power_off();
    bool powered() const;

    // A firmware image with another factory client id is flashed while the speaker is off;
    // the flash (stored credentials included) stays. False, changing nothing, when powered.
    bool reflash_client_id(const std::string& client_id);

    // Buttons: edges, delivered to the firmware now.
    void press(hal::Button button);
    void release(hal::Button button);

    // The companion app hands Wi-Fi credentials and its account hint over the setup channel.
    // The band hint is that of the network in range with this SSID (the phone is on it),
    // Any when none is; the overload hands over `band` as given.
    void provision(const std::string& ssid, const std::string& password, const std::string& account);
    void provision(const std::string& ssid, const std::string& password, const std::string& account,
                   hal::WifiBand band);
    // The user approves the code the device is showing, from `account`'s session (with
    // `after_polls` > 0: once the device has polled it that many more times; Scheduled).
    // Returns UnknownCode when the device shows no code.
    cloud::ApprovalResult approve_shown_code(const std::string& account, int after_polls = 0);
    // A person submits the verification page now for the code the device shows (empty when
    // it shows none), with the credentials and choices of `form` (sim/app/browser_user.hpp).
    PageResult sign_in_at_page(const PageSignIn& form);

    // A person speaks into the microphone: `text` in voice `voice` (a pitch index, 0..7; see
    // common/tone_modem.hpp), queued after anything still being said. Returns the
    // virtual time its last frame (room noise after it) is due; 0 when it cannot be spoken.
    Millis say(const std::string& text, int voice);
    // Frames the microphone handed to the firmware (none while capture is cut).
    std::uint64_t mic_frames_delivered() const;
    // Samples of speech the device holds in its utterance buffer (0 while unpowered).
    std::size_t device_audio_samples() const;

    // Observation. device_state() is Off while unpowered.
    fw::DeviceState device_state() const;
    fw::AuthState auth_state() const;
    fw::RingPattern ring_pattern() const;
    hal::RingFrame leds() const;
    std::string user_code() const;
    // Where the person enters the user code (empty unless a code is shown), and when the
    // speaker's access token lapses (virtual time; nullopt while it holds none). Never secrets.
    std::string verification_uri() const;
    std::optional<Millis> access_token_expires_at() const;

    // Test face on the speaker's flash, read with the firmware's own token store (never
    // returns a secret): whether a refresh token is stored, and whose account the stored
    // refresh token acts for according to the cloud (empty when none, or it is dead).
    bool stored_refresh_token_present() const;
    // The speaker's flash itself, for power-cut injection and byte-level checks in tests.
    VirtualFlash& flash();
    // The device-key cipher, so a test can read the flash as the firmware does.
    hal::Crypto& device_crypto();
    std::optional<std::string> stored_token_account() const;
    // A fingerprint of the refresh token the flash holds (nullopt when none): lets a property
    // check tell which issued token is stored without the secret leaving the world.
    std::optional<std::size_t> stored_refresh_token_fingerprint() const;

    // The uplink beyond the Wi-Fi (the home's internet connection). While down, every
    // request fails at once with NoNetwork, as a router with no WAN would answer.
    void set_internet_up(bool up);
    // The home's Wi-Fi access points go off or out of range / come back: the radio loses its
    // association (distinct from the uplink losing messages or the internet link going down,
    // where the radio stays associated) and cannot join again until they are back.
    void set_access_points_on(bool on);
    // The speaker's RTC now, unix seconds (the test face of the battery-backed clock).
    std::int64_t device_rtc_unix() const;

    cloud::CloudAccess& cloud();
    const std::vector<TraceLine>& trace() const;
    // Every sentence the device has said (world time it began, text), oldest first.
    const std::vector<SpokenSentence>& spoken() const;
    // Every setup-progress report the companion app heard from the speaker, oldest first.
    const std::vector<AppMessage>& app_told() const;

    // Runs scheduled events in time order until `stop()` holds (checked first, then after
    // each event) or virtual time reaches `deadline`. Returns whether stop() held; now() is
    // then the time it first held, else `deadline`. Never reads the wall clock.
    bool run_until(Millis deadline, const std::function<bool()>& stop);
    void advance(Millis duration);

    // Runs `action` at world time `at` (a scenario's `schedule:`), between two events, as a
    // step would run: it may act on the world but not run it (no run_until).
    void at(Millis at, std::function<void()> action);
    // Property checks' hooks: `after` runs after every event run_until runs (it may only
    // observe); the tap sees the speaker's network (sim/board/wire_tap.hpp). Empty: none.
    void after_each_event(std::function<void()> after);
    void tap_wire(WireTap tap);

    std::uint64_t events_processed() const;
    std::uint64_t seed() const;  // the world's (WorldConfig::seed)

    // Renderers' hook (the demo's frames): `sampler(at)` is called once for each instant
    // at = k * period (k = 0, 1, ..., from the first not before now()) as virtual time moves
    // past it, seeing the world as it stands at the end of that instant: every event due at
    // or before `at` has run, none due later. The sampler may only observe (no actions, no
    // run_until). flush_samples() hands over the instants up to now() that time has not yet
    // moved past (the end of a run). A period <= 0 or an empty function stops sampling.
    void sample_every(std::chrono::microseconds period, std::function<void(std::chrono::microseconds at)> sampler);
    void flush_samples();

    // A named moment of the run (a scenario's `mark: NAME`): the virtual time and how far the
    // cloud's journal, the trace and the speech had got, so later expectations can count
    // from it. Marking a name again moves it.
    struct Mark {
        Millis at{0};
        std::size_t journal = 0, trace = 0, spoken = 0;
    };
    void set_mark(const std::string& name);
    std::optional<Mark> mark(const std::string& name) const;

    // Test face: every secret this run used — tokens, refresh tokens, device and user codes,
    // one-time codes that crossed the wire, and every Wi-Fi and account password it was
    // given (values of at least 4 characters). Lets a test prove none of them leaked.
    std::set<std::string> secrets_used() const;

    // Network conditions between the speaker's Wi-Fi and the cloud (scenario `network:` step).
    LinkModel& link();

    // A world of several speakers. Every call above that acts on or reads "the speaker" —
    // power, buttons, provisioning, approval, speech, state, flash, Wi-Fi, link, internet —
    // addresses the focused one (the first until focus() moves it); time, the cloud, marks
    // and the trace are the world's (each trace line says its speaker).
    std::size_t speaker_count() const;
    const std::string& speaker_name(std::size_t speaker) const;  // empty in a one-speaker world
    std::optional<std::size_t> find_speaker(std::string_view name) const;
    void focus(std::size_t speaker);  // throws std::out_of_range past the last
    std::size_t focused() const;
    // The serial number the focused speaker was flashed with (it gives it with its code).
    const std::string& serial_number() const;
    // Fleet figures, kept as speakers change state (a cost per change, not per speaker per
    // event): how many speakers are in device state `device` and auth state `auth` (either
    // unset: any); each speaker's sign-in time, from its first power-on to the first time
    // it was linked (nullopt: not yet both).
    std::size_t count_speakers(std::optional<fw::DeviceState> device, std::optional<fw::AuthState> auth) const;
    std::vector<std::optional<Millis>> sign_in_times() const;

    // Test face: `observer` sees every event as it is handed to the firmware (after events
    // addressed to an earlier power-on were dropped), just before dispatch. Its views live
    // only for the call; it must not call back into the world. An empty function stops it.
    void observe_events(std::function<void(const fw::Event&)> observer);

private:
    // Brings a device with a clock of its own (a board on a link) to now first.
    void settle();

    struct World;
    struct Speaker;
    Speaker& on() const;  // the focused speaker

    std::unique_ptr<World> world_;
    std::size_t focus_ = 0;
};

} // namespace ringside::sim
