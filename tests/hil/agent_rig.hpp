#pragma once
// A board agent on a fake lockstep board with the real firmware, and a test playing the
// host: it writes frames to the agent as bytes and reads back the bytes the agent wrote.
// FakePort is a minimal board port — the shape a board emulator takes: timers and the
// microphone advance in world time only inside run_until, one instant at a time, stopping
// where the agent says the host must look.
#include <catch2/catch.hpp>

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "firmware/attention/render.hpp"
#include "firmware/fake_board.hpp"
#include "common/tone_modem.hpp"
#include "hil/agent/board_agent.hpp"
#include "hil/agent/stored_token_reader.hpp"
#include "hil/protocol/messages.hpp"

namespace ringside::test {

inline constexpr std::uint32_t kEveryCapability =
    hil::kCapLockstep | hil::kCapAudio | hil::kCapHttpTunnel | hil::kCapConfigurable | hil::kCapTestFace;

class FakePort final : public hil::BoardPort, public hil::BoardMicrophone, public hil::ByteSink {
public:
    explicit FakePort(std::uint32_t capabilities)
        : identity{"RS0000000042", "2.0.0-test", capabilities, "FAKE-M4", "b0a7d1d0"},
          agent(*this, *this, *this, leds, loudspeaker, identity, &own_trace) {}

    // ByteSink: what the host will read.
    bool write(const std::uint8_t* bytes, std::size_t count) override {
        if (!sink_accepts) return false;
        wire.insert(wire.end(), bytes, bytes + count);
        return true;
    }

    // BoardPort
    void deliver(const fw::Event& event) override {
        ++delivered;
        if (!speaker) return;
        speaker->dispatch(event);
        agent.observe(*speaker);
    }
    std::uint64_t world_ms() const override { return world; }
    std::int64_t rtc_unix() const override { return rtc.now; }

    hil::PortAnswer power(hil::PowerAction action) override {
        ++power_calls;
        if (action != hil::PowerAction::On && speaker) {
            speaker.reset();
            timers.cancel_all();
            pcm.clear();
            pcm_at = 0;
            agent.powered_off();
        }
        if (action != hil::PowerAction::Off && !speaker) {
            powered_at = world;
            clock.t = Millis{0};
            flash.power_cycle();
            speaker = std::make_unique<fw::Speaker>(board(), config);
            speaker->power_on();
            agent.observe(*speaker);
        }
        return hil::PortAnswer::ok();
    }

    hil::PortAnswer configure(const hil::BoardConfig& c) override {
        if (speaker) return hil::PortAnswer::refused("powered on: configure before power-on");
        seed = c.seed;
        rtc.now = c.rtc_unix;
        issuer.assign(c.issuer);
        client_id.assign(c.client_id);
        scope.assign(c.scope);
        product_id.assign(c.product_id);
        serial_number.assign(c.serial_number);
        config = fw::DeviceConfig{issuer, client_id, scope, product_id, serial_number, c.dialect};
        ++configured;
        return hil::PortAnswer::ok();
    }

    hil::PortAnswer run_until(std::uint64_t until_ms, std::uint64_t& stood_at_ms) override {
        ++grants_run;
        while (true) {
            std::uint64_t next = until_ms + 1;
            if (speaker) {
                if (auto id = timers.next_due(Millis(static_cast<Millis::rep>(until_ms - powered_at))))
                    next = powered_at + static_cast<std::uint64_t>(timers.due[*id]->count());
                if (pcm_at < pcm.size() && next_mic_ms < next) next = next_mic_ms;
                if (streaming_ring && next_refresh_ms < next) next = next_refresh_ms;
            }
            if (next > until_ms) break;
            run_instant(next);
            if (agent.stop_pending()) {
                stood_at_ms = world;
                return hil::PortAnswer::ok();
            }
        }
        set_world(until_ms);
        stood_at_ms = world;
        return hil::PortAnswer::ok();
    }

    hil::PortAnswer read_stored_refresh_token(fw::FixedString<fw::kMaxRefreshToken>& out) override {
        reader.read(out);
        return hil::PortAnswer::ok();
    }

    // While the host streams the ring: an LED refresh every kFramePeriod of world time.
    void ring_streaming(bool on) override {
        streaming_ring = on;
        next_refresh_ms = world + static_cast<std::uint64_t>(fw::attention::kFramePeriod.count());
    }

    // The board's figures when a test sets them; otherwise BoardPort's default refusal.
    hil::PortAnswer board_stats(hil::BoardStats& out) override {
        ++stats_calls;
        if (!figures) return BoardPort::board_stats(out);
        out = *figures;
        return hil::PortAnswer::ok();
    }

    // BoardMicrophone: the person's words as tone-coded PCM, 10 ms frames from the next
    // 10 ms on, with room quiet after them long enough for the firmware's endpointing.
    hil::PortAnswer speak(std::uint8_t voice, std::string_view text) override {
        std::vector<std::int16_t> samples(common::tone_modem::encoded_length(text));
        if (samples.empty() || common::tone_modem::encode(text, voice, samples.data(), samples.size()) != samples.size())
            return hil::PortAnswer::refused("nothing in that text can be spoken");
        samples.resize(samples.size() + 100 * hal::kMicFrameSamples, 0);  // 1 s of quiet
        return play(samples.data(), samples.size());
    }
    hil::PortAnswer play(const std::int16_t* samples, std::size_t count) override {
        if (pcm_at >= pcm.size()) {
            pcm.clear();
            pcm_at = 0;
            next_mic_ms = world + 10;
        }
        pcm.insert(pcm.end(), samples, samples + count);
        played += count;
        return hil::PortAnswer::ok();
    }

    hal::Board board() {
        return hal::Board{clock, timers, agent.ring(), agent.wifi(), agent.http(), flash, random, agent.trace(),
                          agent.speech(), mic, agent.setup(), crypto, rtc};
    }

    // The board's parts (FakeBoard's, but the world-facing ones come from the agent).
    FakeClock clock;
    FakeTimers timers{clock};
    FakeRing leds;
    FakeFlash flash;
    FakeRandom random;
    FakeTrace own_trace;
    FakeSpeech loudspeaker;
    FakeMicrophone mic;
    FakeCrypto crypto;
    FakeRtc rtc;

    hil::BoardIdentity identity;
    hil::BoardAgent agent;
    hil::StoredTokenReader reader{flash, crypto};
    std::unique_ptr<fw::Speaker> speaker;

    std::vector<std::uint8_t> wire;
    bool sink_accepts = true;
    std::uint64_t world = 0;
    std::uint64_t powered_at = 0;
    int delivered = 0, power_calls = 0, grants_run = 0, configured = 0, stats_calls = 0;
    std::optional<hil::BoardStats> figures;
    std::size_t played = 0;
    bool streaming_ring = false;

    fw::DeviceConfig config;
    std::uint64_t seed = 0;
    std::string issuer, client_id, scope, product_id, serial_number;

private:
    void set_world(std::uint64_t t) {
        world = t;
        if (speaker) clock.t = Millis(static_cast<Millis::rep>(t - powered_at));
    }
    // Everything due at `t`: timers in order (including those armed for `t` meanwhile),
    // then the microphone's frame.
    void run_instant(std::uint64_t t) {
        set_world(t);
        while (speaker) {
            auto id = timers.next_due(clock.t);
            if (!id) break;
            timers.due[*id].reset();
            speaker->dispatch(fw::Event::timer_expired(*id));
            agent.observe(*speaker);
        }
        if (speaker && pcm_at < pcm.size() && next_mic_ms == t) {
            const std::size_t n = std::min(hal::kMicFrameSamples, pcm.size() - pcm_at);
            if (mic.capturing) {  // the mute cut: the frame never reaches the firmware
                speaker->dispatch(fw::Event::mic_frame(pcm.data() + pcm_at, n));
                agent.observe(*speaker);
            }
            pcm_at += n;
            next_mic_ms = t + 10;
        }
        if (streaming_ring && next_refresh_ms == t) {
            if (speaker) speaker->refresh_ring();
            next_refresh_ms = t + static_cast<std::uint64_t>(fw::attention::kFramePeriod.count());
        }
    }

    std::vector<std::int16_t> pcm;
    std::size_t pcm_at = 0;
    std::uint64_t next_mic_ms = 0;
    std::uint64_t next_refresh_ms = 0;
};

// The host's end of the wire.
class AgentRig {
public:
    explicit AgentRig(std::uint32_t capabilities = kEveryCapability) : port(std::make_unique<FakePort>(capabilities)) {}

    // Sends `m` to the agent as wire bytes and returns every frame the agent wrote meanwhile.
    template <typename Message>
    std::vector<hil::Frame> send(const Message& m) {
        hil::Frame f;
        REQUIRE(hil::encode(m, f));
        f.sequence = next_sequence++;
        return feed(wire_of(f));
    }
    std::vector<hil::Frame> feed(const std::vector<std::uint8_t>& bytes) {
        port->agent.feed(bytes.data(), bytes.size());
        return collect();
    }
    static std::vector<std::uint8_t> wire_of(const hil::Frame& f) {
        std::vector<std::uint8_t> bytes(hil::kMaxWireSize);
        bytes.resize(hil::encode_frame(f, bytes.data(), bytes.size()));
        return bytes;
    }

    // Frames the agent wrote, checked for gapless numbering as the host would.
    std::vector<hil::Frame> collect() {
        std::vector<hil::Frame> frames;
        for (std::uint8_t b : port->wire) {
            const auto r = decoder.push(b);
            if (r == hil::FrameDecoder::Result::None) continue;
            REQUIRE(r == hil::FrameDecoder::Result::Frame);
            const hil::Frame& f = decoder.frame();
            if (f.type == hil::MessageType::HelloAck) board_sequence.reset();
            CHECK(board_sequence.accept(f.sequence) == 0);
            frames.push_back(f);
        }
        port->wire.clear();
        return frames;
    }

    // One grant; the frames end with its TimeDone.
    std::vector<hil::Frame> grant(std::uint64_t until_ms) {
        auto frames = send(hil::TimeGrant{until_ms});
        REQUIRE(!frames.empty());
        REQUIRE(frames.back().type == hil::MessageType::TimeDone);
        return frames;
    }
    // Grants again and again until the board stands at `until_ms` (as the host does when
    // the world has nothing to do meanwhile); every frame on the way. Bounded.
    std::vector<hil::Frame> run_to(std::uint64_t until_ms) {
        std::vector<hil::Frame> all;
        for (int i = 0; i < 100'000; ++i) {
            auto frames = grant(until_ms);
            hil::TimeDone done;
            REQUIRE(hil::decode(frames.back(), done));
            all.insert(all.end(), frames.begin(), frames.end());
            if (done.now_ms == until_ms && !done.stopped) return all;
        }
        FAIL("the board never reached " << until_ms);
        return all;
    }

    // Answers request `id` with a head and the body in pieces of at most `piece` bytes.
    std::vector<hil::Frame> respond(hal::RequestId id, std::uint16_t status, const std::string& body,
                                    std::size_t piece = hil::kMaxBodyPiece) {
        auto frames = send(hil::HttpResponseHead{id, hal::TransportError::None, status, 0, 1'764'028'800,
                                                  "application/json", static_cast<std::uint32_t>(body.size())});
        for (std::size_t at = 0; at < body.size(); at += piece) {
            auto more = send(hil::HttpBody{id, static_cast<std::uint32_t>(at), std::string_view(body).substr(at, piece)});
            frames.insert(frames.end(), more.begin(), more.end());
        }
        return frames;
    }

    std::unique_ptr<FakePort> port;
    hil::FrameDecoder decoder;
    hil::SequenceTracker board_sequence;
    std::uint16_t next_sequence = 0;
};

inline std::vector<hil::MessageType> types_of(const std::vector<hil::Frame>& frames) {
    std::vector<hil::MessageType> types;
    for (const auto& f : frames) types.push_back(f.type);
    return types;
}

inline std::size_t count_of(const std::vector<hil::Frame>& frames, hil::MessageType type) {
    std::size_t n = 0;
    for (const auto& f : frames) n += f.type == type ? 1 : 0;
    return n;
}

// Every frame of Message's type, decoded (views point into `frames`: keep it alive).
template <typename Message>
std::vector<Message> all_of(const std::vector<hil::Frame>& frames, hil::MessageType type) {
    std::vector<Message> out;
    for (const auto& f : frames) {
        if (f.type != type) continue;
        Message m;
        REQUIRE(hil::decode(f, m));
        out.push_back(m);
    }
    return out;
}

template <typename Message>
Message only_one(const std::vector<hil::Frame>& frames, hil::MessageType type) {
    auto found = all_of<Message>(frames, type);
    REQUIRE(found.size() == 1);
    return found.front();
}

// The last frame of that type, which must exist.
template <typename Message>
Message last_of(const std::vector<hil::Frame>& frames, hil::MessageType type) {
    auto found = all_of<Message>(frames, type);
    REQUIRE(!found.empty());
    return found.back();
}

} // namespace ringside::test
