#pragma once
// Marks, per thread, when firmware code is running, so a footprint probe can count the heap
// allocations the firmware itself makes after start-up (goal: none). The world enters a
// FirmwareSection around Speaker::power_on/dispatch; every HAL call the firmware makes goes
// through a Fenced* part that enters a HostSection, because the simulator's own parts (trace
// recorder, scheduler) may allocate freely and that is not the firmware's footprint.
// Who may call: the world (VirtualSpeaker); in_firmware() — anyone, e.g. an operator new hook.
#include "firmware/hal/board.hpp"

namespace ringside::sim::fence {

inline thread_local bool t_in_firmware = false;

inline bool in_firmware() { return t_in_firmware; }

// Sets the flag for its lifetime, restoring the previous value after (sections nest).
class Section {
public:
    explicit Section(bool firmware) : previous_(t_in_firmware) { t_in_firmware = firmware; }
    ~Section() { t_in_firmware = previous_; }
    Section(const Section&) = delete;
    Section& operator=(const Section&) = delete;

private:
    bool previous_;
};

struct FirmwareSection : Section { FirmwareSection() : Section(true) {} };
struct HostSection : Section { HostSection() : Section(false) {} };

// HAL parts that forward to the real ones with the firmware flag lowered.
struct FencedClock final : hal::Clock {
    explicit FencedClock(hal::Clock& c) : real(c) {}
    hal::Millis now() const override { HostSection s; return real.now(); }
    hal::Clock& real;
};
struct FencedTimers final : hal::Timers {
    explicit FencedTimers(hal::Timers& t) : real(t) {}
    void arm(hal::TimerId id, hal::Millis delay) override { HostSection s; real.arm(id, delay); }
    void cancel(hal::TimerId id) override { HostSection s; real.cancel(id); }
    hal::Timers& real;
};
struct FencedRing final : hal::LedRing {
    explicit FencedRing(hal::LedRing& r) : real(r) {}
    void show(const hal::RingFrame& frame) override { HostSection s; real.show(frame); }
    hal::LedRing& real;
};
struct FencedWifi final : hal::Wifi {
    explicit FencedWifi(hal::Wifi& w) : real(w) {}
    void join(std::string_view ssid, std::string_view password) override { HostSection s; real.join(ssid, password); }
    void leave() override { HostSection s; real.leave(); }
    void prefer_band(hal::WifiBand band) override { HostSection s; real.prefer_band(band); }
    hal::Wifi& real;
};
struct FencedHttp final : hal::HttpClient {
    explicit FencedHttp(hal::HttpClient& h) : real(h) {}
    bool send(hal::RequestId id, const hal::HttpRequest& r) override { HostSection s; return real.send(id, r); }
    bool send_body(hal::RequestId id, std::string_view piece) override { HostSection s; return real.send_body(id, piece); }
    bool end_body(hal::RequestId id) override { HostSection s; return real.end_body(id); }
    void cancel(hal::RequestId id) override { HostSection s; real.cancel(id); }
    hal::HttpClient& real;
};
struct FencedFlash final : hal::Flash {
    explicit FencedFlash(hal::Flash& f) : real(f) {}
    std::size_t sector_size() const override { HostSection s; return real.sector_size(); }
    std::size_t sector_count() const override { HostSection s; return real.sector_count(); }
    bool read(std::size_t a, std::uint8_t* out, std::size_t n) override { HostSection s; return real.read(a, out, n); }
    bool erase_sector(std::size_t sector) override { HostSection s; return real.erase_sector(sector); }
    bool program(std::size_t a, const std::uint8_t* d, std::size_t n) override { HostSection s; return real.program(a, d, n); }
    hal::Flash& real;
};
struct FencedRandom final : hal::Random {
    explicit FencedRandom(hal::Random& r) : real(r) {}
    std::uint32_t next_u32() override { HostSection s; return real.next_u32(); }
    hal::Random& real;
};
struct FencedTrace final : hal::TraceSink {
    explicit FencedTrace(hal::TraceSink& t) : real(t) {}
    void emit(const hal::TraceRecord& r) override { HostSection s; real.emit(r); }
    hal::TraceSink& real;
};
struct FencedSpeech final : hal::Speech {
    explicit FencedSpeech(hal::Speech& sp) : real(sp) {}
    void say(std::string_view text) override { HostSection s; real.say(text); }
    void stop() override { HostSection s; real.stop(); }
    hal::Speech& real;
};
struct FencedMicrophone final : hal::Microphone {
    explicit FencedMicrophone(hal::Microphone& m) : real(m) {}
    void set_capture(bool on) override { HostSection s; real.set_capture(on); }
    hal::Microphone& real;
};
struct FencedCrypto final : hal::Crypto {
    explicit FencedCrypto(hal::Crypto& c) : real(c) {}
    std::size_t seal(std::uint8_t* buffer, std::size_t length, std::size_t capacity, const std::uint8_t* aad,
                     std::size_t aad_length) override {
        HostSection s;
        return real.seal(buffer, length, capacity, aad, aad_length);
    }
    std::size_t open(std::uint8_t* buffer, std::size_t length, const std::uint8_t* aad, std::size_t aad_length) override {
        HostSection s;
        return real.open(buffer, length, aad, aad_length);
    }
    hal::Crypto& real;
};
struct FencedRtc final : hal::RealTimeClock {
    explicit FencedRtc(hal::RealTimeClock& r) : real(r) {}
    std::int64_t unix_seconds() const override { HostSection s; return real.unix_seconds(); }
    void set_unix_seconds(std::int64_t seconds) override { HostSection s; real.set_unix_seconds(seconds); }
    hal::RealTimeClock& real;
};
struct FencedSetup final : hal::SetupChannel {
    explicit FencedSetup(hal::SetupChannel& c) : real(c) {}
    void report(hal::SetupProgress p) override { HostSection s; real.report(p); }
    hal::SetupChannel& real;
};

} // namespace ringside::sim::fence
