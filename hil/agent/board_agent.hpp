#pragma once
// The board agent: what a board port links with the firmware and its UART driver to put the
// board on the HIL link (docs/hil_protocol.md, version 2). Portable like firmware/: no heap
// (every buffer is a member; about 10 KiB in all, so give it static storage), no exceptions,
// no RTTI, no threads, never blocks.
//
// Wiring (the port owns main(), the loop, the Speaker and every real peripheral):
//   BoardAgent agent(sink, port, microphone, leds, loudspeaker, identity, &own_trace);
//   hal::Board board{clock, timers, agent.ring(), agent.wifi(), agent.http(), flash, random,
//                    agent.trace(), agent.speech(), mic, agent.setup(), crypto, rtc};
// and in the loop:
//   - bytes from the UART (ISR ring buffer or a read) -> agent.feed(bytes, n);
//   - after every speaker.power_on() or speaker.dispatch(e), the port's own (timers, mic
//     frames, speech done) and the agent's (BoardPort::deliver) -> agent.observe(speaker);
//   - after destroying the Speaker (power off) -> agent.powered_off();
//   - lockstep only: inside BoardPort::run_until, after each instant, stop if
//     agent.stop_pending();
//   - now and then, agent.stats() for the port's own error reporting.
// What the agent does with each message from the host is in board_agent.cpp's dispatch
// table; answers (HelloAck, Ack, Nack, TimeDone, StoredToken) go out before feed() returns.
// A frame whose number shows that frames from the host were lost before it is refused
// (Nack "the link is damaged: ..."), not acted on: only the board can see that hole.
// Who may call: the port's loop only, never from an interrupt, never from inside a
// firmware dispatch or run_until (feed() refuses to nest and counts it).
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "firmware/auth/stored_credentials.hpp"
#include "firmware/core/fixed_string.hpp"
#include "firmware/hal/http_client.hpp"
#include "firmware/hal/led_ring.hpp"
#include "firmware/hal/setup_channel.hpp"
#include "firmware/hal/speech.hpp"
#include "firmware/hal/trace.hpp"
#include "firmware/hal/wifi.hpp"
#include "firmware/speaker.hpp"
#include "hil/agent/board_port.hpp"
#include "hil/agent/byte_sink.hpp"
#include "hil/agent/http_tunnel.hpp"
#include "hil/agent/link_stats.hpp"
#include "hil/agent/outbox.hpp"
#include "hil/agent/output_taps.hpp"
#include "hil/agent/setup_proxy.hpp"
#include "hil/agent/status_reporter.hpp"
#include "hil/agent/wifi_proxy.hpp"
#include "hil/protocol/frame.hpp"
#include "hil/protocol/messages.hpp"

namespace ringside::hil {

// What HelloAck announces. The views must outlive the agent (literals, a config block).
struct BoardIdentity {
    std::string_view board_id;          // e.g. the serial number
    std::string_view firmware_version;
    std::uint32_t capabilities = kCapHttpTunnel;  // Capability bits; the agent Nacks what is not here
    std::string_view chip;              // what runs the firmware, e.g. "STM32F405"
    std::string_view build_id;          // which build, e.g. the image's GNU build-id in hex
    std::uint32_t answer_within_ms = 0; // the longest this board takes to answer, wall time (0: no claim)
};

class BoardAgent {
public:
    // `leds` and `loudspeaker` are the board's real parts, `trace_tee` (may be null) the
    // port's own trace; each sees every call the firmware makes. All must outlive the agent.
    BoardAgent(ByteSink& sink, BoardPort& port, BoardMicrophone& microphone, hal::LedRing& leds,
               hal::Speech& loudspeaker, const BoardIdentity& identity, hal::TraceSink* trace_tee = nullptr);
    BoardAgent(const BoardAgent&) = delete;
    BoardAgent& operator=(const BoardAgent&) = delete;

    // The parts to put into the firmware's hal::Board.
    hal::HttpClient& http() { return http_; }
    hal::Wifi& wifi() { return wifi_; }
    hal::SetupChannel& setup() { return setup_; }
    hal::TraceSink& trace() { return trace_; }
    hal::Speech& speech() { return speech_; }
    hal::LedRing& ring() { return ring_; }

    // Bytes as received, any chunking (one byte at a time is fine). Every complete frame is
    // acted on before this returns, including calls into the port and, through
    // BoardPort::deliver, the firmware.
    void feed(const std::uint8_t* bytes, std::size_t count);

    // After every call into the firmware: sends a Status when what it shows has changed.
    void observe(const fw::Speaker& speaker);
    // At start-up: Boot, so that a host already on the line learns at once that the board
    // (re)started, rather than from its silence; after a 0x00 that ends any half frame a
    // reset cut short. Who may call: the port's main(), once, before its loop.
    void announce();
    // After the Speaker is destroyed: outstanding requests and a pending join die with it,
    // and the host is told the board is off.
    void powered_off();

    // Lockstep: something the host must see (a request, a Wi-Fi or setup call, a Status
    // change, a Speech) has gone out since the last TimeDone. run_until stops at the end
    // of the instant in which this turns true.
    bool stop_pending() const { return outbox_.stop_pending(); }

    LinkStats stats() const { return stats_; }
    const BoardIdentity& identity() const { return identity_; }

private:
    void on_frame(const Frame& frame);
    void nack(MessageType type, std::string_view why);
    bool announced(std::uint32_t capability) const { return (identity_.capabilities & capability) != 0; }

    void on_hello();
    void on_button(const ButtonEdge& m);
    void on_utterance(const Utterance& m);
    void on_audio(const AudioChunk& m);
    void on_power(const Power& m);
    void on_grant(const TimeGrant& m);
    void on_config(const BoardConfig& m);
    void on_query_token();
    void on_query_stats();
    void answer(MessageType type, PortAnswer answer);

    LinkStats stats_;
    BoardPort& port_;
    BoardMicrophone& microphone_;
    BoardIdentity identity_;
    Outbox outbox_;
    HttpTunnel http_;
    WifiProxy wifi_;
    SetupProxy setup_;
    StatusReporter status_;
    TraceTap trace_;
    SpeechTap speech_;
    RingTap ring_;

    FrameDecoder decoder_;
    SequenceTracker host_sequence_;
    bool feeding_ = false;
    fw::FixedString<fw::kMaxRefreshToken> token_;
    std::array<std::int16_t, kMaxPayload / 2> samples_{};
};

} // namespace ringside::hil
