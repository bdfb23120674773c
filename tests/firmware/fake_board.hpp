#pragma once
// A hand-driven board for firmware unit tests: every HAL interface, plus the knobs a test
// needs (a clock it moves, timers it fires, HTTP requests it answers, NOR flash that can
// lose power mid-write, a scripted random source, a trace it can search).
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "firmware/core/device_config.hpp"
#include "firmware/core/event.hpp"
#include "firmware/hal/board.hpp"
#include "firmware/speaker.hpp"

namespace ringside::test {

using hal::Millis;
using namespace std::chrono_literals;

class FakeClock : public hal::Clock {
public:
    Millis now() const override { return t; }
    Millis t{0};
};

class FakeTimers : public hal::Timers {
public:
    explicit FakeTimers(const FakeClock& clock) : clock_(clock) {}

    void arm(hal::TimerId id, Millis delay) override {
        due[id] = clock_.t + delay;
        order[id] = ++sequence_;
        ++arm_count[id];
    }
    void cancel(hal::TimerId id) override { due[id].reset(); }

    bool armed(hal::TimerId id) const { return due[id].has_value(); }
    Millis remaining(hal::TimerId id) const { return *due[id] - clock_.t; }
    void cancel_all() {
        for (auto& d : due) d.reset();
    }

    // The timer that fires next, at or before `until` (earliest; ties in arming order).
    std::optional<hal::TimerId> next_due(Millis until) const {
        std::optional<hal::TimerId> best;
        for (hal::TimerId id = 0; id < hal::kMaxTimers; ++id) {
            if (!due[id] || *due[id] > until) continue;
            if (!best || *due[id] < *due[*best] || (*due[id] == *due[*best] && order[id] < order[*best])) best = id;
        }
        return best;
    }

    std::array<std::optional<Millis>, hal::kMaxTimers> due{};
    std::array<std::uint64_t, hal::kMaxTimers> order{};
    std::array<int, hal::kMaxTimers> arm_count{};

private:
    const FakeClock& clock_;
    std::uint64_t sequence_ = 0;
};

class FakeRing : public hal::LedRing {
public:
    void show(const hal::RingFrame& frame) override {
        last = frame;
        ++shows;
    }
    hal::RingFrame last{};
    int shows = 0;
};

class FakeWifi : public hal::Wifi {
public:
    void join(std::string_view ssid, std::string_view password) override {
        joins.emplace_back(std::string(ssid), std::string(password));
    }
    void leave() override { ++leaves; }
    std::vector<std::pair<std::string, std::string>> joins;
    int leaves = 0;
};

class FakeHttp : public hal::HttpClient {
public:
    struct Sent {
        hal::RequestId id = 0;
        hal::HttpMethod method = hal::HttpMethod::Get;
        std::string url;
        std::string content_type;
        std::string body;
        Millis at{0};
        bool cancelled = false;
        bool answered = false;
        std::string authorization{};  // the Authorization header value, if any
        bool body_open = false;       // a streamed upload whose body has not ended yet
        int pieces = 0;               // send_body calls
    };

    explicit FakeHttp(const FakeClock& clock) : clock_(clock) {}

    bool send(hal::RequestId id, const hal::HttpRequest& request) override {
        if (!accept) return false;
        sent.push_back(Sent{id, request.method, std::string(request.url), std::string(request.content_type),
                            std::string(request.body), clock_.t});
        sent.back().authorization.assign(request.authorization);
        sent.back().body_open = request.body_follows;
        return true;
    }
    bool send_body(hal::RequestId id, std::string_view piece) override {
        Sent* upload = open_upload(id);
        if (!upload || !accept_body) return false;
        upload->body.append(piece);
        ++upload->pieces;
        return true;
    }
    bool end_body(hal::RequestId id) override {
        Sent* upload = open_upload(id);
        if (!upload) return false;
        upload->body_open = false;
        upload->at = clock_.t;  // the request is whole (and goes) now
        return true;
    }
    void cancel(hal::RequestId id) override {
        for (auto& s : sent)
            if (s.id == id) s.cancelled = true;
    }

    // The newest whole request still waiting for an answer, if any.
    Sent* outstanding() {
        for (auto it = sent.rbegin(); it != sent.rend(); ++it)
            if (!it->cancelled && !it->answered && !it->body_open) return &*it;
        return nullptr;
    }
    // Requests that reached the server whole (an upload cancelled before its end never did).
    std::size_t whole() const {
        return static_cast<std::size_t>(
            std::count_if(sent.begin(), sent.end(), [](const Sent& s) { return !s.body_open; }));
    }
    int count_to(std::string_view url_suffix) const {
        return static_cast<int>(std::count_if(sent.begin(), sent.end(), [&](const Sent& s) {
            return s.url.size() >= url_suffix.size() &&
                   s.url.compare(s.url.size() - url_suffix.size(), url_suffix.size(), url_suffix) == 0;
        }));
    }

    std::vector<Sent> sent;
    bool accept = true;
    bool accept_body = true;

private:
    Sent* open_upload(hal::RequestId id) {
        for (auto it = sent.rbegin(); it != sent.rend(); ++it)
            if (it->id == id && it->body_open && !it->cancelled) return &*it;
        return nullptr;
    }
    const FakeClock& clock_;
};

// NOR flash: erase sets a sector to 0xFF, program ANDs bytes in. With cut_after set, power
// fails once that many more bytes have been programmed: the write stops part-way and every
// later erase/program fails until power_cycle().
class FakeFlash : public hal::Flash {
public:
    explicit FakeFlash(std::size_t sector_size = 4096, std::size_t sectors = 4)
        : sector_size_(sector_size), sectors_(sectors), memory(sector_size * sectors, 0xFF) {}

    std::size_t sector_size() const override { return sector_size_; }
    std::size_t sector_count() const override { return sectors_; }

    bool read(std::size_t address, std::uint8_t* out, std::size_t length) override {
        if (address > memory.size() || length > memory.size() - address) return false;
        std::copy_n(memory.begin() + static_cast<std::ptrdiff_t>(address), length, out);
        return true;
    }
    bool erase_sector(std::size_t sector) override {
        if (dead || sector >= sectors_) return false;
        if (cut_before_erase_number && *cut_before_erase_number == erases) {
            dead = true;
            return false;
        }
        std::fill_n(memory.begin() + static_cast<std::ptrdiff_t>(sector * sector_size_), sector_size_, 0xFF);
        ++erases;
        return true;
    }
    bool program(std::size_t address, const std::uint8_t* data, std::size_t length) override {
        if (dead || address > memory.size() || length > memory.size() - address) return false;
        for (std::size_t i = 0; i < length; ++i) {
            if (cut_after && programmed >= *cut_after) {
                dead = true;
                return false;
            }
            memory[address + i] &= data[i];
            ++programmed;
        }
        return true;
    }

    void power_cycle() {
        dead = false;
        cut_after.reset();
        cut_before_erase_number.reset();
        programmed = 0;
        erases = 0;
    }
    bool sector_blank(std::size_t sector) const {
        return std::all_of(memory.begin() + static_cast<std::ptrdiff_t>(sector * sector_size_),
                           memory.begin() + static_cast<std::ptrdiff_t>((sector + 1) * sector_size_),
                           [](std::uint8_t b) { return b == 0xFF; });
    }
    bool contains(std::string_view text) const {
        return std::search(memory.begin(), memory.end(), text.begin(), text.end()) != memory.end();
    }

    std::optional<std::size_t> cut_after;               // bytes programmed before power fails
    std::optional<std::size_t> cut_before_erase_number;  // power fails instead of the n-th erase (0-based)
    std::size_t programmed = 0;
    std::size_t erases = 0;
    bool dead = false;

private:
    std::size_t sector_size_;
    std::size_t sectors_;

public:
    std::vector<std::uint8_t> memory;
};

// Deterministic: scripted values first, then a fixed xorshift sequence.
class FakeRandom : public hal::Random {
public:
    std::uint32_t next_u32() override {
        ++draws;
        if (!script.empty()) {
            const std::uint32_t v = script.front();
            script.pop_front();
            return v;
        }
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return state;
    }
    std::deque<std::uint32_t> script;
    std::uint32_t state = 2463534242u;
    int draws = 0;
};

class FakeTrace : public hal::TraceSink {
public:
    struct Record {
        Millis at{0};
        std::string category, event, detail;
    };
    void emit(const hal::TraceRecord& r) override {
        records.push_back(Record{r.at, std::string(r.category), std::string(r.event), std::string(r.detail)});
    }
    int count(std::string_view category, std::string_view event, std::string_view detail = {}) const {
        return static_cast<int>(std::count_if(records.begin(), records.end(), [&](const Record& r) {
            return r.category == category && r.event == event && (detail.empty() || r.detail == detail);
        }));
    }
    const Record* last(std::string_view category, std::string_view event) const {
        for (auto it = records.rbegin(); it != records.rend(); ++it)
            if (it->category == category && it->event == event) return &*it;
        return nullptr;
    }
    // Whether any record's detail (or event) mentions `secret`.
    bool mentions(std::string_view secret) const {
        return std::any_of(records.begin(), records.end(), [&](const Record& r) {
            return r.detail.find(secret) != std::string::npos || r.event.find(secret) != std::string::npos;
        });
    }
    std::vector<Record> records;
};

// Remembers every sentence; a test answers with speech_done() when it wants the voice to end.
struct FakeSpeech final : hal::Speech {
    void say(std::string_view text) override { said.emplace_back(text); }
    void stop() override { ++stops; }
    std::vector<std::string> said;
    int stops = 0;
};

// Remembers whether capture is on; tests feed frames themselves (and must not while off).
struct FakeMicrophone final : hal::Microphone {
    void set_capture(bool on) override { capturing = on; }
    bool capturing = false;
};

// Remembers every progress report the speaker sent to the companion app.
struct FakeSetupChannel final : hal::SetupChannel {
    void report(hal::SetupProgress p) override { told.emplace_back(hal::to_string(p)); }
    std::vector<std::string> told;
};

// Transparent sealing for firmware tests: zero nonce, the plaintext, a 16-byte checksum
// tag that open() verifies. It keeps the flash readable for the lifecycle tests (which
// search it for tokens); the real AES-GCM is sim/crypto, tested against NIST vectors and
// for ciphertext-only flash in tests/sim. `seals`/`opens` count calls; `failing` refuses.
struct FakeCrypto final : hal::Crypto {
    std::size_t seal(std::uint8_t* buffer, std::size_t length, std::size_t capacity, const std::uint8_t* aad,
                     std::size_t aad_length) override {
        ++seals;
        if (failing || length + kOverhead > capacity) return 0;
        std::memmove(buffer + kNonceSize, buffer, length);
        std::memset(buffer, 0, kNonceSize);
        std::memset(buffer + kNonceSize + length, 0, kTagSize);
        const std::uint32_t sum = checksum(buffer + kNonceSize, length, aad, aad_length);
        std::memcpy(buffer + kNonceSize + length, &sum, sizeof sum);
        return length + kOverhead;
    }
    std::size_t open(std::uint8_t* buffer, std::size_t length, const std::uint8_t* aad,
                     std::size_t aad_length) override {
        ++opens;
        if (failing || length < kOverhead) return 0;
        const std::size_t plain = length - kOverhead;
        std::uint32_t sum = 0;
        std::memcpy(&sum, buffer + kNonceSize + plain, sizeof sum);
        if (sum != checksum(buffer + kNonceSize, plain, aad, aad_length)) return 0;
        std::memmove(buffer, buffer + kNonceSize, plain);
        return plain;
    }
    static std::uint32_t checksum(const std::uint8_t* p, std::size_t n, const std::uint8_t* aad, std::size_t aad_n) {
        std::uint32_t h = 2166136261u;  // FNV-1a over aad then payload
        for (std::size_t i = 0; i < aad_n; ++i) h = (h ^ aad[i]) * 16777619u;
        for (std::size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 16777619u;
        return h;
    }
    int seals = 0;
    int opens = 0;
    bool failing = false;
};

// Starts at a plausible time (2025-11-25), so the auth client needs no clock sync unless a
// test sets it back.
struct FakeRtc final : hal::RealTimeClock {
    std::int64_t unix_seconds() const override { return now; }
    void set_unix_seconds(std::int64_t seconds) override {
        now = seconds;
        ++sets;
    }
    std::int64_t now = 1'764'028'800;
    int sets = 0;
};

struct FakeBoard {
    FakeClock clock;
    FakeTimers timers{clock};
    FakeRing ring;
    FakeWifi wifi;
    FakeHttp http{clock};
    FakeFlash flash;
    FakeRandom random;
    FakeTrace trace;
    FakeSpeech speech;
    FakeMicrophone mic;
    FakeSetupChannel setup;
    FakeCrypto crypto;
    FakeRtc rtc;

    hal::Board board() {
        return hal::Board{clock, timers, ring, wifi, http, flash, random, trace, speech, mic, setup, crypto, rtc};
    }
};

// A Speaker on a FakeBoard with an event loop the test drives: time moves only in
// advance()/run_until(), firing due timers in order; the test plays the network and Wi-Fi.
class Rig {
public:
    Rig() { power_on(); }

    void power_on() {
        speaker = std::make_unique<fw::Speaker>(hw.board(), config);
        speaker->power_on();
    }
    // RAM state is gone, flash stays; nothing the old Speaker armed or sent survives.
    void power_off() {
        speaker.reset();
        hw.timers.cancel_all();
        for (auto& s : hw.http.sent) s.cancelled = true;
    }

    void run_until(Millis deadline) {
        while (auto id = hw.timers.next_due(deadline)) {
            hw.clock.t = *hw.timers.due[*id];
            hw.timers.due[*id].reset();
            speaker->dispatch(fw::Event::timer_expired(*id));
        }
        hw.clock.t = std::max(hw.clock.t, deadline);
    }
    void advance(Millis d) { run_until(hw.clock.t + d); }

    void dispatch(const fw::Event& e) { speaker->dispatch(e); }
    void press(hal::Button b = hal::Button::Action) { dispatch(fw::Event::button_down(b)); }
    void release(hal::Button b = hal::Button::Action) { dispatch(fw::Event::button_up(b)); }
    void provision(std::string ssid = "Home", std::string password = "wifi-secret-pw",
                   std::string account = "jane@example.com") {
        dispatch(fw::Event::setup_credentials(fw::SetupCredentials{ssid, password, account}));
    }
    void wifi_joined() { dispatch(fw::Event::wifi_joined()); }
    void wifi_failed() { dispatch(fw::Event::wifi_failed()); }

    FakeHttp::Sent& outstanding() {
        FakeHttp::Sent* s = hw.http.outstanding();
        if (!s) throw std::runtime_error("no outstanding request");
        return *s;
    }
    bool has_outstanding() { return hw.http.outstanding() != nullptr; }

    // Answers the outstanding request.
    void respond(int status, const std::string& body, std::uint32_t retry_after_s = 0) {
        FakeHttp::Sent& s = outstanding();
        s.answered = true;
        hal::HttpResponse r;
        r.status = status;
        r.content_type = "application/json";
        r.body = body;
        r.retry_after_s = retry_after_s;
        dispatch(fw::Event::http_done(s.id, r));
    }
    // Answers a specific request, e.g. one the firmware has already given up on.
    void respond_to(hal::RequestId id, int status, const std::string& body) {
        for (auto& s : hw.http.sent)
            if (s.id == id) s.answered = true;
        hal::HttpResponse r;
        r.status = status;
        r.body = body;
        dispatch(fw::Event::http_done(id, r));
    }
    void fail_transport(hal::TransportError error) {
        FakeHttp::Sent& s = outstanding();
        s.answered = true;
        hal::HttpResponse r;
        r.error = error;
        dispatch(fw::Event::http_done(s.id, r));
    }

    // --- canned server answers ---------------------------------------------------------
    static std::string metadata() {
        return R"({"issuer":"https://auth.ringside.test",
                   "device_authorization_endpoint":"https://auth.ringside.test/oauth2/device_authorization",
                   "token_endpoint":"https://auth.ringside.test/oauth2/token",
                   "grant_types_supported":["urn:ietf:params:oauth:grant-type:device_code","refresh_token"]})";
    }
    static std::string code(int expires_in = 600, std::optional<int> interval = 5,
                            const std::string& device_code = "DEVCODE-secret-1") {
        std::string s = R"({"device_code":")" + device_code +
                        R"(","user_code":"BCDF-GHJK","verification_uri":"https://auth.ringside.test/device",)"
                        R"("verification_uri_complete":"https://auth.ringside.test/device?user_code=BCDFGHJK",)"
                        R"("expires_in":)" + std::to_string(expires_in);
        if (interval) s += R"(,"interval":)" + std::to_string(*interval);
        return s + "}";
    }
    static std::string tokens(int expires_in = 3600, const std::string& refresh = "Atzr|refresh-secret-1",
                              const std::string& access = "Atza|access-secret-1") {
        std::string s = R"({"access_token":")" + access + R"(","token_type":"bearer","expires_in":)" +
                        std::to_string(expires_in);
        if (!refresh.empty()) s += R"(,"refresh_token":")" + refresh + R"(")";
        return s + "}";
    }
    static std::string error(const std::string& code) { return R"({"error":")" + code + R"("})"; }

    // Power-on to a linked speaker through the device grant.
    // `answer_settings` false leaves the post-link settings download in flight (its tests).
    void link(int expires_in = 3600, bool answer_settings = true) {
        advance(2s);
        provision();
        wifi_joined();
        respond(200, metadata());
        respond(200, code());
        advance(5s);
        // The refresh jitter's draw: 100 gives the full 10 min lead, so tests can count on
        // the un-jittered schedule (refresh_schedule.hpp).
        hw.random.script.push_front(100);
        respond(200, tokens(expires_in));
        // Once linked the speaker fetches its settings; answer that too, so a test starts
        // from a linked speaker with nothing in flight.
        if (answer_settings && has_outstanding() && outstanding().url.find("/v1/settings") != std::string::npos)
            respond(200, R"({"device_name":"test speaker","locale":"en-US","time_zone":"UTC","wake_word":"alexa","volume":5})");
    }

    FakeBoard hw;
    fw::DeviceConfig config;
    std::unique_ptr<fw::Speaker> speaker;
};

} // namespace ringside::test
