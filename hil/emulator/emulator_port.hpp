#pragma once
// The board emulator's port: the real firmware on the simulator's virtual board (timers,
// LED ring, flash, loudspeaker, microphone, crypto, RTC over its own discrete-event clock),
// put on the HIL link by the real board agent, exactly as a physical board's port would.
// Lockstep by default: its clock moves only inside run_until, one instant at a time,
// stopping where the agent says the host must look (docs/hil_protocol.md, "Two clocks").
// Free-running, it is a physical board's stand-in: no grants, its clock is the wall clock
// (the loop calls run_due as time passes).
// The first BoardConfig makes the board (seed, RTC, identity); later ones, while it is off,
// reflash its client id and keep its flash, as a factory reflash would.
// Who may call: the emulator's loop (feed, outgoing), one thread.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hil/agent/board_agent.hpp"
#include "hil/agent/stored_token_reader.hpp"
#include "hil/emulator/unlinked.hpp"
#include "sim/board/device_bus.hpp"
#include "sim/board/trace_recorder.hpp"
#include "sim/board/virtual_board.hpp"
#include "sim/clock/scheduler.hpp"

namespace ringside::hil {

class EmulatorPort final : public BoardPort, public BoardMicrophone, public ByteSink {
public:
    // `late_poll`: a board variant whose token-poll timer runs this much late, as a firmware
    // with a longer poll interval would (0: the reference behaviour). What `ringside replay`
    // must report as a divergence.
    // `answer_within_ms`: what its HelloAck announces it may take to answer (0: no claim).
    explicit EmulatorPort(std::string board_id, sim::Millis late_poll = sim::Millis(0), bool free_running = false,
                          std::uint32_t answer_within_ms = 0);
    ~EmulatorPort();

    // Bytes from the host; what the agent answered is then in outgoing() (take it all).
    void feed(const std::uint8_t* bytes, std::size_t count) { agent_.feed(bytes, count); }
    std::vector<std::uint8_t>& outgoing() { return out_; }
    LinkStats stats() const { return agent_.stats(); }

    // Free-running: runs every event due by `now` (ms since the board started) and moves
    // the board's clock there; returns when the next one is due, if any.
    std::optional<sim::Millis> run_due(sim::Millis now);

    // ByteSink
    bool write(const std::uint8_t* bytes, std::size_t count) override;
    // BoardPort
    void deliver(const fw::Event& event) override;
    std::uint64_t world_ms() const override;
    std::int64_t rtc_unix() const override;
    PortAnswer power(PowerAction action) override;
    PortAnswer configure(const BoardConfig& config) override;
    PortAnswer run_until(std::uint64_t until_ms, std::uint64_t& stood_at_ms) override;
    PortAnswer read_stored_refresh_token(fw::FixedString<fw::kMaxRefreshToken>& out) override;
    void ring_streaming(bool on) override;
    // BoardMicrophone
    PortAnswer speak(std::uint8_t voice, std::string_view text) override;

private:
    // The agent's "real" ring and loudspeaker: the current virtual board's.
    struct BoardRing final : hal::LedRing {
        explicit BoardRing(EmulatorPort& p) : port(p) {}
        void show(const hal::RingFrame& frame) override;
        EmulatorPort& port;
    };
    struct BoardSpeech final : hal::Speech {
        explicit BoardSpeech(EmulatorPort& p) : port(p) {}
        void say(std::string_view text) override;
        void stop() override;
        EmulatorPort& port;
    };
    // The board's timers, with the variant's late poll.
    struct VariantTimers final : hal::Timers {
        explicit VariantTimers(EmulatorPort& p) : port(p) {}
        void arm(hal::TimerId id, hal::Millis delay) override;
        void cancel(hal::TimerId id) override;
        EmulatorPort& port;
    };
    struct Identity {  // what the board is made with (BoardConfig, or the defaults)
        std::uint64_t seed = 1;
        std::int64_t rtc_unix = 0;
        std::string issuer = "https://auth.ringside.test", client_id = "ringside-speaker", scope = "speaker",
                    product_id = "RS-ONE", serial_number = "RS0000000001";
        fw::AuthDialect dialect = fw::AuthDialect::Rfc8628;
    };
    void make_board();

    sim::Scheduler scheduler_;
    sim::TraceRecorder trace_{scheduler_};  // the loudspeaker's own lines; the host keeps the trace
    sim::DeviceBus bus_{scheduler_};
    Unlinked unlinked_;
    BoardRing ring_{*this};
    BoardSpeech speech_{*this};
    VariantTimers timers_{*this};
    sim::Millis late_poll_;
    std::string board_id_;
    std::string build_id_;  // the emulator executable's GNU build-id, announced in HelloAck
    BoardIdentity identity_;
    BoardAgent agent_;
    Identity made_with_;
    std::unique_ptr<sim::VirtualBoard> board_;
    std::unique_ptr<StoredTokenReader> reader_;
    std::vector<std::uint8_t> out_;
    bool ring_streaming_ = false;
    sim::Scheduler::Handle ring_refresh_;  // pending while streaming
};

} // namespace ringside::hil
