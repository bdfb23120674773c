#pragma once
// The speaker as its world sees it: a board running the real firmware, here in this process
// (sim/board/virtual_board.hpp) or on the other end of a serial link (hil/host). The world
// keeps everything that connects the speaker to it — the network and the cloud, the Wi-Fi
// networks in range, the companion app — and reaches the board through the HAL parts it
// hands over (DeviceContext) and the events it posts on the DeviceBus.
// Who may call: the world (VirtualSpeaker), on its one thread.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "firmware/core/device_config.hpp"
#include "firmware/core/event.hpp"
#include "firmware/core/states.hpp"
#include "firmware/hal/led_ring.hpp"
#include "firmware/hal/setup_channel.hpp"
#include "firmware/hal/wifi.hpp"
#include "firmware/hal/http_client.hpp"

namespace ringside::hal {
class Crypto;
}

namespace ringside::sim {

using Millis = std::chrono::milliseconds;

// The device stopped answering (a board whose link broke, timed out or vanished): the run
// cannot go on, and it is not the firmware's verdict. The message says which and why.
struct DeviceLost : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class DeviceBus;
class Scheduler;
class TraceRecorder;
class VirtualFlash;
class SeededRandom;

// One trace line: a firmware TraceRecord, or a record the world adds for test-face actions
// (category "app", "user", "power", "test").
struct TraceLine {
    Millis at{0};
    std::string category;
    std::string event;
    std::string detail;
    std::uint32_t speaker = 0;  // which speaker of the world (0: the first, or the only one)
};

struct SpokenSentence {
    Millis at{0};  // world time the device started saying it
    std::string text;
};

// What a device is built from: the scenario's device, and the world's side of each link.
struct DeviceContext {
    std::uint64_t seed = 1;
    // Who the speaker is, as flashed at the factory (the firmware's DeviceConfig).
    std::string issuer;            // the cloud it is built to sign in with
    std::string client_id, scope, product_id, serial_number;
    fw::AuthDialect dialect = fw::AuthDialect::Rfc8628;
    std::int64_t rtc_unix = 0;     // where the battery-backed clock starts
    Scheduler& scheduler;
    DeviceBus& bus;                // events from the world to the firmware
    TraceRecorder& trace;          // the world's trace: firmware records land here
    hal::Wifi& wifi;               // the world's radio side
    hal::HttpClient& http;         // the world's network, up to the cloud
    hal::SetupChannel& setup;      // back to the companion app
};

class Device {
public:
    virtual ~Device() = default;

    // Power. Off drops RAM state (the firmware object); flash survives.
    virtual void power_on() = 0;
    virtual void power_off() = 0;
    virtual bool powered() const = 0;
    // Flashes a firmware image with another factory client id while off; false when powered
    // or when this device cannot be reflashed from here.
    virtual bool reflash_client_id(const std::string& client_id) = 0;

    // A person speaks `text` in voice `voice` (0..7). Returns when its last frame is due (an
    // estimate where the microphone is not in this process); 0 when it cannot be spoken.
    virtual Millis say(const std::string& text, int voice) = 0;

    // Observation (device_state() is Off while unpowered).
    virtual fw::DeviceState device_state() const = 0;
    virtual fw::AuthState auth_state() const = 0;
    virtual fw::RingPattern ring_pattern() const = 0;
    virtual hal::RingFrame leds() const = 0;
    virtual std::string user_code() const = 0;
    virtual std::size_t device_audio_samples() const = 0;
    virtual const std::vector<SpokenSentence>& spoken() const = 0;
    // The refresh token the flash holds, read as the firmware would at boot (test face:
    // it goes straight to the cloud's lookup, never into a trace); nullopt when none.
    virtual std::optional<std::string> stored_refresh_token() const = 0;

    // Test faces only a device in this process has (nullptr, 0 or nothing elsewhere).
    virtual VirtualFlash* flash() { return nullptr; }
    virtual SeededRandom* random() { return nullptr; }
    virtual hal::Crypto* crypto() { return nullptr; }
    virtual std::uint64_t mic_frames_delivered() const { return 0; }
    virtual std::int64_t rtc_unix() const { return 0; }
    virtual void observe_events(std::function<void(const fw::Event&)> observer) { (void)observer; }
    // What the speaker shows a person: where to enter the user code (empty unless a code is
    // shown), and when its access token lapses (world time; nullopt when it holds none).
    virtual std::string verification_uri() const { return {}; }
    virtual std::optional<Millis> access_token_expires_at() const { return std::nullopt; }

    // Lockstep: brings the device to world time `t` (the world has run everything before
    // it). nullopt: it stands at `t` and had nothing to say. A time: it stopped there (at or
    // before `t`) because it had something the world must act on or see; that has been
    // handled (the world's clock moved there first) and may have scheduled world events.
    // A device that shares the world's scheduler is always there already.
    virtual std::optional<Millis> run_to(Millis t) { (void)t; return std::nullopt; }
};

// Makes the device of a world; the default (an empty function) is the virtual board.
using DeviceFactory = std::function<std::unique_ptr<Device>(const DeviceContext&)>;

} // namespace ringside::sim
