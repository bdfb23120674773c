// KitPort against the board emulator's EmulatorPort (the real firmware on the simulator's
// virtual board), both behind the real board agent: the same host session, byte for byte in
// and out. A seeded host plays the world — grants, buttons, utterances, power cycles,
// reflashes, Wi-Fi, a cloud that signs the speaker in (or fails, or never answers) — and
// after every frame it sends, what the kit's board wrote must be exactly what the emulator
// wrote. Then the few things only the kit does: static-friendly storage, refusals, the
// free-running clock.
#include <catch2/catch.hpp>

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "common/prng.hpp"
#include "firmware/fake_board.hpp"
#include "hil/boards/common/kit_port.hpp"
#include "hil/emulator/emulator_port.hpp"
#include "hil/emulator/own_build_id.hpp"
#include "hil/protocol/messages.hpp"

using namespace ringside;
using hil::MessageType;

namespace {

constexpr std::uint32_t kCaps = hil::kCapLockstep | hil::kCapHttpTunnel | hil::kCapConfigurable | hil::kCapTestFace;

struct Wire final : hil::ByteSink {
    bool write(const std::uint8_t* bytes, std::size_t count) override {
        out.insert(out.end(), bytes, bytes + count);
        return true;
    }
    std::vector<std::uint8_t> out;
};

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The two boards and the host's end of both wires.
class TwoBoards {
public:
    TwoBoards() : kit_(kit_wire_, identity_, kit::FlashRegion{flash_.data()}) {}

    // Sends `m` to both; what each wrote back must be the same bytes. Returns the frames.
    template <typename Message>
    const std::vector<hil::Frame>& send(const Message& m) {
        hil::Frame f;
        REQUIRE(hil::encode(m, f));
        f.sequence = next_sequence_++;
        std::vector<std::uint8_t> bytes(hil::kMaxWireSize);
        bytes.resize(hil::encode_frame(f, bytes.data(), bytes.size()));
        emulator_.feed(bytes.data(), bytes.size());
        kit_.feed(bytes.data(), bytes.size());
        ++inputs_;
        INFO("input " << inputs_ << ", message type " << int(f.type) << ", board at " << now_ << " ms");
        REQUIRE(kit_wire_.out == emulator_.outgoing());
        bytes_compared_ += kit_wire_.out.size();
        frames_.clear();
        for (std::uint8_t b : kit_wire_.out) {
            const auto r = decoder_.push(b);
            if (r == hil::FrameDecoder::Result::None) continue;
            REQUIRE(r == hil::FrameDecoder::Result::Frame);
            frames_.push_back(decoder_.frame());
        }
        kit_wire_.out.clear();
        emulator_.outgoing().clear();
        for (const hil::Frame& frame : frames_) note(frame);
        return frames_;
    }

    kit::KitPort& kit() { return kit_; }
    std::uint64_t now() const { return now_; }
    bool stopped() const { return stopped_; }
    std::size_t bytes_compared() const { return bytes_compared_; }

    // What the boards asked the world for and has not been answered yet.
    struct Request {
        hal::RequestId id;
        std::string url;
    };
    std::vector<Request> requests;
    bool join_pending = false;
    std::string last_stored_token;
    std::size_t speeches = 0, statuses = 0, linked_statuses = 0, nacks = 0;

private:
    void note(const hil::Frame& frame) {
        switch (frame.type) {
            case MessageType::TimeDone: {
                hil::TimeDone d;
                REQUIRE(hil::decode(frame, d));
                now_ = d.now_ms;
                stopped_ = d.stopped;
                break;
            }
            case MessageType::HttpRequest: {
                hil::HttpRequestHead h;
                REQUIRE(hil::decode(frame, h));
                requests.push_back({h.request_id, std::string(h.url)});
                break;
            }
            case MessageType::HttpCancel: {
                hil::HttpCancel c;
                REQUIRE(hil::decode(frame, c));
                for (auto it = requests.begin(); it != requests.end(); ++it)
                    if (it->id == c.request_id) {
                        requests.erase(it);
                        break;
                    }
                break;
            }
            case MessageType::WifiJoin: join_pending = true; break;
            case MessageType::StoredToken: {
                hil::StoredToken t;
                REQUIRE(hil::decode(frame, t));
                last_stored_token.assign(t.refresh_token);
                break;
            }
            case MessageType::Speech: ++speeches; break;
            case MessageType::Nack: ++nacks; break;
            case MessageType::Status: {
                hil::Status s;
                REQUIRE(hil::decode(frame, s));
                ++statuses;
                linked_statuses += s.auth_state == fw::AuthState::Linked ? 1 : 0;
                break;
            }
            default: break;
        }
    }

    const std::string build_id_ = hil::own_build_id();
    // What EmulatorPort announces, its chip and build included.
    hil::BoardIdentity identity_{"EMU-DIFF-1", "ringside-emulator-2", kCaps, "host (ringside-board-emulator)", build_id_};
    hil::EmulatorPort emulator_{"EMU-DIFF-1"};
    Wire kit_wire_;
    std::array<std::uint8_t, 4 * 4096> flash_{};
    kit::KitPort kit_;
    hil::FrameDecoder decoder_;
    std::uint16_t next_sequence_ = 0;
    std::vector<hil::Frame> frames_;
    std::uint64_t now_ = 0;
    bool stopped_ = false;
    std::size_t inputs_ = 0;
    std::size_t bytes_compared_ = 0;
};

// The host's world, drawn from a seed: it answers what the boards ask and pokes them.
class World {
public:
    World(TwoBoards& boards, std::uint64_t seed) : b_(boards), draw_(seed) {}

    void answer_one() {
        if (b_.join_pending) {
            b_.join_pending = false;
            const bool joined = draw_.below(6) != 0;
            b_.send(hil::WifiResult{joined, joined ? hal::WifiFailure::Other : hal::WifiFailure::WrongPassword});
            return;
        }
        if (b_.requests.empty()) return;
        const std::size_t pick = draw_.below(static_cast<std::uint32_t>(b_.requests.size()));
        const TwoBoards::Request r = b_.requests[pick];
        b_.requests.erase(b_.requests.begin() + static_cast<std::ptrdiff_t>(pick));
        const std::uint32_t roll = draw_.below(100);
        if (roll < 8) {
            b_.send(hil::HttpResponseHead{r.id, hal::TransportError::Timeout, 0, 0, 0, "", 0});
            return;
        }
        if (roll < 14) return respond(r.id, 503, "{}");
        if (roll < 18) return;  // never answered: the firmware's own timeout
        std::string body;
        if (ends_with(r.url, "/.well-known/oauth-authorization-server")) body = test::Rig::metadata();
        else if (ends_with(r.url, "/oauth2/device_authorization")) body = test::Rig::code();
        else if (ends_with(r.url, "/oauth2/token"))
            body = roll < 50 ? test::Rig::error("authorization_pending")
                             : test::Rig::tokens(3600, "Atzr|refresh-" + std::to_string(draw_.below(1000)));
        else if (r.url.find("/v1/settings") != std::string::npos)
            body = R"({"device_name":"kit","locale":"en-US","time_zone":"UTC","wake_word":"alexa","volume":5})";
        else body = R"({"speech":"Here you are.","member":"jane"})";
        respond(r.id, body.rfind("{\"error\"", 0) == 0 ? 400 : 200, body);
    }

    void poke() {
        const std::uint32_t roll = draw_.below(100);
        if (roll < 40) {
            grant(b_.now() + draw_.below(4) * draw_.below(3'000));
        } else if (roll < 52) {
            const auto button = static_cast<hal::Button>(draw_.below(4));
            b_.send(hil::ButtonEdge{button, true});
            grant(b_.now() + draw_.below(6) * 1'000);
            b_.send(hil::ButtonEdge{button, false});
        } else if (roll < 64) {
            // One utterance per 4 s at most: the kit's microphone queues four, the
            // simulator's any number; this host never needs more.
            if (b_.now() < spoke_at_ + 4'000 && spoke_at_ != 0) return;
            const char* texts[] = {"alexa, what time is it?", "alexa volume up", "alexa stop", "alexa play music",
                                   "alexa good morning", "alexa, delete what I said"};
            b_.send(hil::Utterance{static_cast<std::uint8_t>(draw_.below(8)), texts[draw_.below(6)]});
            spoke_at_ = b_.now();
        } else if (roll < 70) {
            b_.send(hil::SetupCredentials{"Home", "wifi-secret-pw", "jane@example.com", hal::WifiBand::Any});
        } else if (roll < 74) {
            b_.send(hil::Power{static_cast<hil::PowerAction>(draw_.below(3))});
        } else if (roll < 77) {
            b_.send(hil::Power{hil::PowerAction::Off});
            b_.send(hil::BoardConfig{99, 0, "https://elsewhere.test", draw_.below(2) ? "other-client" : "ringside-speaker",
                                     "x", "y", "z", fw::AuthDialect::Lwa, false});  // a reflash: only the client id counts
            b_.send(hil::QueryStoredToken{});
            b_.send(hil::Power{hil::PowerAction::On});
        } else if (roll < 82) {
            b_.send(hil::QueryStoredToken{});
        } else if (roll < 84) {
            b_.send(hil::StreamRing{draw_.below(2) == 0});
        } else {
            answer_one();
        }
    }

    // Grants until the boards stand at `until`, answering what they ask on the way.
    void grant(std::uint64_t until) {
        for (int i = 0; i < 100'000; ++i) {
            b_.send(hil::TimeGrant{until});
            if (b_.now() == until && !b_.stopped()) return;
            if (draw_.below(4) == 0) answer_one();
        }
        FAIL("the boards never reached " << until);
    }

private:
    void respond(hal::RequestId id, std::uint16_t status, const std::string& body) {
        b_.send(hil::HttpResponseHead{id, hal::TransportError::None, status, 0, 1'764'028'800, "application/json",
                                      static_cast<std::uint32_t>(body.size())});
        const std::size_t piece = 1 + draw_.below(400);
        for (std::size_t at = 0; at < body.size(); at += piece)
            b_.send(hil::HttpBody{id, static_cast<std::uint32_t>(at), std::string_view(body).substr(at, piece)});
    }

    TwoBoards& b_;
    common::Prng draw_;
    std::uint64_t spoke_at_ = 0;
};

} // namespace

TEST_CASE("KitPort writes, byte for byte, what the emulator's virtual board writes for the same host session",
          "[boards][port]") {
    std::size_t linked = 0, spoken = 0, tokens = 0, frames_heard = 0;
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        CAPTURE(seed);
        auto boards = std::make_unique<TwoBoards>();
        World world(*boards, seed);
        boards->send(hil::Hello{});
        boards->send(hil::Utterance{0, "alexa"});  // before the board is made: refused alike
        boards->send(hil::BoardConfig{seed, seed % 2 ? 1'764'028'800 : 0, "https://auth.ringside.test",
                                      "ringside-speaker", "speaker", "RS-ONE", "RS0000000001",
                                      fw::AuthDialect::Rfc8628});
        boards->send(hil::Power{hil::PowerAction::On});
        world.grant(2'000);
        boards->send(hil::SetupCredentials{"Home", "wifi-secret-pw", "jane@example.com", hal::WifiBand::Any});
        for (int step = 0; step < 500; ++step) world.poke();
        world.grant(boards->now() + 2 * 3'600'000);  // two hours: refreshes, retries, expiries
        boards->send(hil::QueryStoredToken{});
        linked += boards->linked_statuses;
        spoken += boards->speeches;
        tokens += boards->last_stored_token.empty() ? 0 : 1;
        frames_heard += boards->kit().board()->mic().frames_delivered();
        CHECK(boards->kit().queue().overflows() == 0);
        CHECK(boards->kit().board()->reentrant_deliveries() == 0);
        CHECK(boards->kit().stats().reentrant_feeds == 0);
        CHECK(boards->bytes_compared() > 100'000);
    }
    // The sessions went where a real one goes: signed in, stored a token, heard and spoke.
    CHECK(linked > 0);
    CHECK(tokens > 0);
    CHECK(spoken > 0);
    CHECK(frames_heard > 1'000);
}

TEST_CASE("KitPort refuses what it cannot do, with the emulator's words where the emulator refuses too",
          "[boards][port]") {
    Wire wire;
    std::array<std::uint8_t, 4 * 4096> flash{};
    const hil::BoardIdentity identity{"KIT", "test", kCaps};
    auto port = std::make_unique<kit::KitPort>(wire, identity, kit::FlashRegion{flash.data()});
    CHECK_FALSE(port->speak(0, "alexa").done);  // no board yet
    CHECK(port->board() == nullptr);
    CHECK(port->rtc_unix() == 0);

    const std::string long_serial(kit::KitPort::kMaxSerialNumber + 1, 'S');
    CHECK_FALSE(port->configure(hil::BoardConfig{1, 5, "https://a.test", "c", "s", "p", long_serial, {}}).done);
    CHECK(port->board() == nullptr);  // nothing half made
    REQUIRE(port->configure(hil::BoardConfig{1, 5, "https://a.test", "c", "s", "p", "RS1", {}}).done);
    CHECK(port->rtc_unix() == 5);
    REQUIRE(port->power(hil::PowerAction::On).done);
    // A reflash needs the board off; a fresh board (a new world) may come at any time.
    CHECK_FALSE(port->configure(hil::BoardConfig{1, 5, "https://a.test", "c", "s", "p", "RS1", {}, false}).done);

    // kMaxPending utterances queue; one more is refused until the microphone has played some.
    for (std::size_t i = 0; i < kit::KitMicrophone::kMaxPending; ++i) CHECK(port->speak(1, "alexa stop").done);
    const hil::PortAnswer one_more = port->speak(1, "alexa stop");
    CHECK_FALSE(one_more.done);
    CHECK(one_more.why == "the microphone's queue of utterances is full");
    CHECK_FALSE(port->speak(8, "alexa").done);  // no such voice
    std::uint64_t next = 0;
    port->run_due(60'000, next);  // all played (run_until would stop at the first Status)
    CHECK(port->board()->mic().pending() == 0);
    CHECK(port->speak(1, "alexa stop").done);
}

TEST_CASE("KitPort free-running: run_due plays what is due by the board's own clock and says what comes next",
          "[boards][port]") {
    Wire wire;
    std::array<std::uint8_t, 4 * 4096> flash{};
    const hil::BoardIdentity identity{"KIT", "test", hil::kCapHttpTunnel};
    auto port = std::make_unique<kit::KitPort>(wire, identity, kit::FlashRegion{flash.data()});
    REQUIRE(port->power(hil::PowerAction::On).done);
    std::uint64_t next = 0;
    REQUIRE(port->run_due(0, next));  // booting: the firmware's timers are armed
    CHECK(next > 0);
    std::uint64_t at = 0;
    bool pending = true;
    for (int i = 0; i < 1'000 && pending && port->board()->firmware()->device_state() != fw::DeviceState::Setup; ++i) {
        at = next;
        pending = port->run_due(at, next);
        CHECK((!pending || next >= at));
    }
    CHECK(port->board()->firmware()->device_state() == fw::DeviceState::Setup);
    CHECK_FALSE(pending);  // setup waits for the app: nothing is due (the ring renders, it does not tick)
    CHECK(port->world_ms() == at);
    port->run_due(at + 10'000, next);
    CHECK(port->world_ms() == at + 10'000);
}

TEST_CASE("KitPort keeps the flash through power cycles and reflashes, and wipes it for a new board only",
          "[boards][port][flash]") {
    Wire wire;
    std::array<std::uint8_t, 4 * 4096> flash;
    flash.fill(0x00);  // a RAM stand-in nobody erased
    const hil::BoardIdentity identity{"KIT", "test", kCaps};
    auto port = std::make_unique<kit::KitPort>(wire, identity, kit::FlashRegion{flash.data()});
    REQUIRE(port->configure(hil::BoardConfig{4, 0, "https://auth.ringside.test", "ringside-speaker", "speaker",
                                             "RS-ONE", "RS0000000001", {}})
                .done);
    CHECK(port->board()->flash().blank());  // made: erased as from the factory
    const std::uint8_t record[] = {1, 2, 3};
    REQUIRE(port->board()->flash().program(100, record, sizeof record));
    port->power(hil::PowerAction::On);
    port->power(hil::PowerAction::Reset);
    port->power(hil::PowerAction::Off);
    REQUIRE(port->configure(hil::BoardConfig{4, 0, "", "another-client", "", "", "", {}, false}).done);  // reflash
    CHECK(flash[100] == 1);
    CHECK(flash[102] == 3);
}

TEST_CASE("KitPort: a fresh BoardConfig is a new world at any time: powered off, flash blank, clock at 0",
          "[boards][port][flash]") {
    Wire wire;
    std::array<std::uint8_t, 4 * 4096> flash{};
    const hil::BoardIdentity identity{"KIT", "test", kCaps};
    auto port = std::make_unique<kit::KitPort>(wire, identity, kit::FlashRegion{flash.data()});
    const hil::BoardConfig world{4, 0, "https://auth.ringside.test", "ringside-speaker", "speaker", "RS-ONE", "RS0000000001", {}};
    REQUIRE(port->configure(world).done);
    REQUIRE(port->power(hil::PowerAction::On).done);
    std::uint64_t stood = 0;
    REQUIRE(port->run_until(60'000, stood).done);
    const std::uint8_t record[] = {1, 2, 3};
    REQUIRE(port->board()->flash().program(100, record, sizeof record));
    REQUIRE(port->world_ms() > 0);

    REQUIRE(port->configure(world).done);  // the next scenario, on the same board
    CHECK_FALSE(port->board()->powered());
    CHECK(port->board()->flash().blank());
    CHECK(port->world_ms() == 0);
    CHECK(port->queue().pending() == 0);
    REQUIRE(port->power(hil::PowerAction::On).done);
    CHECK(port->board()->firmware()->device_state() == fw::DeviceState::Booting);
}

TEST_CASE("KitPort tees the firmware's trace records to the port's own sink, e.g. a debug console", "[boards][port]") {
    struct Console final : hal::TraceSink {
        void emit(const hal::TraceRecord& r) override { lines.push_back(std::string(r.category) + " " + std::string(r.event)); }
        std::vector<std::string> lines;
    } console;
    Wire wire;
    std::array<std::uint8_t, 4 * 4096> flash{};
    const hil::BoardIdentity identity{"KIT", "test", kCaps};
    auto port = std::make_unique<kit::KitPort>(wire, identity, kit::FlashRegion{flash.data()}, &console);
    REQUIRE(port->power(hil::PowerAction::On).done);
    CHECK_FALSE(console.lines.empty());  // the boot's records
    CHECK_FALSE(wire.out.empty());       // and the same went to the host
}
