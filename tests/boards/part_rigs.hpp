#pragma once
// Two boards' worth of time-driven parts side by side, fed the same inputs: the simulator's
// (sim::Scheduler + DeviceBus + VirtualTimers/Speech/Microphone) and the kit's (EventQueue +
// a FirmwareInbox + KitTimers/Speech/Microphone). Each logs what reaches its "firmware" —
// the world time, the event, its timer id, a microphone frame's samples — and may react to
// it as a firmware would (re-arm, cancel, speak, mute) through the hal faces only, so one
// reaction drives both. The tests compare the two logs element by element.
#include <chrono>
#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "firmware/core/event.hpp"
#include "firmware/hal/microphone.hpp"
#include "firmware/hal/speech.hpp"
#include "firmware/hal/timers.hpp"
#include "hil/boards/common/event_queue.hpp"
#include "hil/boards/common/firmware_inbox.hpp"
#include "hil/boards/common/kit_microphone.hpp"
#include "hil/boards/common/kit_speech.hpp"
#include "hil/boards/common/kit_timers.hpp"
#include "sim/board/device_bus.hpp"
#include "sim/board/trace_recorder.hpp"
#include "sim/board/virtual_microphone.hpp"
#include "sim/board/virtual_speech.hpp"
#include "sim/board/virtual_timers.hpp"
#include "sim/clock/scheduler.hpp"

namespace ringside::test {

using Millis = std::chrono::milliseconds;

struct Delivered {
    Millis at{0};
    fw::EventType type = fw::EventType::TimerExpired;
    hal::TimerId timer = 0;
    std::vector<std::int16_t> samples;  // MicFrame only

    bool operator==(const Delivered& o) const {
        return at == o.at && type == o.type && timer == o.timer && samples == o.samples;
    }
};

inline std::ostream& operator<<(std::ostream& out, const Delivered& d) {
    out << d.at.count() << " ms, event type " << static_cast<int>(d.type) << ", timer " << int(d.timer);
    if (!d.samples.empty()) {
        out << ", samples";
        for (std::int16_t s : d.samples) out << ' ' << s;
    }
    return out;
}

inline Delivered logged(Millis at, const fw::Event& e) {
    Delivered d{at, e.type, e.type == fw::EventType::TimerExpired ? e.timer : hal::TimerId{0}, {}};
    if (e.type == fw::EventType::MicFrame) d.samples.assign(e.mic.samples, e.mic.samples + e.mic.count);
    return d;
}

// What the stand-in firmware does with an event, through the board's hal faces.
struct Faces {
    hal::Timers& timers;
    hal::Speech& speech;
    hal::Microphone& mic;
};
using Reaction = std::function<void(const fw::Event&, Faces&, Millis now)>;

// The order of operations at power-off and power-on is each board's own
// (sim::VirtualBoard::power_off / KitBoard::power_off), reproduced here for the parts alone.
struct SimParts {
    explicit SimParts(std::uint64_t seed) : mic(bus, seed) { power_on(); }

    void power_on() {
        bus.attach([this](const fw::Event& e) {
            log.push_back(logged(scheduler.now(), e));
            if (react) react(e, faces, scheduler.now());
        });
    }
    void power_off() {
        bus.detach();
        timers.reset();
        speech.cut();
        mic.reset();
    }
    Millis speak(const std::string& text, int voice) { return mic.speak(text, voice); }
    bool run_next(Millis limit) { return scheduler.run_next(limit); }
    void advance_to(Millis t) { scheduler.advance_to(t); }
    Millis now() const { return scheduler.now(); }

    sim::Scheduler scheduler;
    sim::TraceRecorder trace{scheduler};
    sim::DeviceBus bus{scheduler};
    sim::VirtualTimers timers{bus};
    sim::VirtualSpeech speech{bus, trace};
    sim::VirtualMicrophone mic;
    Faces faces{timers, speech, mic};
    std::vector<Delivered> log;
    Reaction react;
};

struct KitParts final : kit::FirmwareInbox {
    explicit KitParts(std::uint64_t seed) : mic(queue, *this, seed) { power_on(); }

    void deliver(const fw::Event& e) override {
        if (!on) return;
        log.push_back(logged(queue.now(), e));
        if (react) react(e, faces, queue.now());
    }
    std::uint32_t power_generation() const override { return generation; }
    bool powered() const override { return on; }

    void power_on() {
        on = true;
        ++generation;
    }
    void power_off() {
        on = false;
        ++generation;
        timers.reset();
        speech.cut();
        mic.reset();
    }
    // As VirtualMicrophone::speak: the last frame's time, 0 when it cannot be spoken.
    Millis speak(const std::string& text, int voice) {
        Millis last{0};
        return mic.speak(text, voice, last) == kit::KitMicrophone::Spoken::Queued ? last : Millis{0};
    }
    bool run_next(Millis limit) { return queue.run_next(limit); }
    void advance_to(Millis t) { queue.advance_to(t); }
    Millis now() const { return queue.now(); }

    kit::EventQueue queue;
    kit::KitTimers timers{queue, *this};
    kit::KitSpeech speech{queue, *this};
    kit::KitMicrophone mic;
    Faces faces{timers, speech, mic};
    std::vector<Delivered> log;
    Reaction react;
    bool on = false;
    std::uint32_t generation = 0;
};

// Runs everything due up to `t` (events first: an input at `t` comes after what is due at
// `t`, as a board standing at `t` has run it), then stands at `t`.
template <typename Parts>
void run_to(Parts& parts, Millis t) {
    while (parts.run_next(t)) {
    }
    parts.advance_to(t);
}

// The logs agree element by element (the first difference is reported with its index).
inline void check_same(const std::vector<Delivered>& on_sim, const std::vector<Delivered>& on_kit) {
    const std::size_t n = on_sim.size() < on_kit.size() ? on_sim.size() : on_kit.size();
    for (std::size_t i = 0; i < n; ++i) {
        INFO("event " << i << " of " << on_sim.size());
        REQUIRE(on_kit[i] == on_sim[i]);
    }
    REQUIRE(on_kit.size() == on_sim.size());
}

} // namespace ringside::test
