#pragma once
// A board port made from the kit: the real firmware and the real board agent on parts that
// behave exactly like the simulator's virtual board, with no heap, exceptions, RTTI, threads
// or host library, so that a bare-metal board (the STM32F405 port, in QEMU) and the host's
// `ringside-board-emulator --kit` give the scenario suite the same verdicts, in lockstep, as
// the virtual speaker. It implements hil::BoardPort and hil::BoardMicrophone exactly as
// hil/emulator/emulator_port.cpp does:
//   - the first BoardConfig (or the first Power, with the defaults) makes the board: seed,
//     RTC, identity copied into the port's own strings, flash erased; a later BoardConfig,
//     while off, reflashes the client id and keeps the flash, as a factory reflash would;
//   - Power constructs the fw::Speaker in place per power-on and destroys it at power-off,
//     dropping everything in flight (timers, the loudspeaker's SpeechDone, queued speech);
//   - run_until plays the board's own events one instant (world time) at a time and stops at
//     the end of the first instant after which the agent has news for the host.
// World time is ms since the port started, moved only by the host's grants (lockstep) or by
// run_due (free-running: the port's own tick counter).
//
// Wiring on a bare-metal board: give the port static storage (it holds every buffer it needs,
// so it is large: most of sizeof(KitPort) is the fw::Speaker it constructs in place), a
// ByteSink that queues whole frames for the UART, and the flash region:
//   static std::uint8_t flash_standin[4 * 4096] __attribute__((section(".flash_standin")));
//   static Uart uart;                                       // a hil::ByteSink
//   static const hil::BoardIdentity identity{"RS-F405-0001", "ringside-f405-1",
//       hil::kCapLockstep | hil::kCapHttpTunnel | hil::kCapConfigurable | hil::kCapTestFace};
//   static kit::KitPort port(uart, identity, kit::FlashRegion{flash_standin});
//   for (;;) { n = uart.take_received(buf); port.feed(buf, n); }
// A port adds what only its chip can say by deriving from it (the STM32F405 port answers
// board_stats with its measured stack, RAM and flash).
// Who may call: the port's loop only (feed, run_due), never from an interrupt; the agent
// calls the BoardPort/BoardMicrophone faces from inside feed().
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "firmware/core/device_config.hpp"
#include "firmware/core/fixed_string.hpp"
#include "firmware/hal/led_ring.hpp"
#include "firmware/hal/speech.hpp"
#include "firmware/hal/trace.hpp"
#include "hil/agent/board_agent.hpp"
#include "hil/agent/board_port.hpp"
#include "hil/agent/byte_sink.hpp"
#include "hil/agent/link_stats.hpp"
#include "hil/boards/common/event_queue.hpp"
#include "hil/boards/common/kit_board.hpp"
#include "hil/boards/common/kit_flash.hpp"

namespace ringside::kit {

class KitPort : public hil::BoardPort, public hil::BoardMicrophone, private DueHandler {
public:
    // Identity fields longer than these are refused in a BoardConfig (the firmware's own
    // URL buffers are 256 bytes, so no longer issuer could be signed in with anyway).
    static constexpr std::size_t kMaxIssuer = 256;
    static constexpr std::size_t kMaxClientId = 128;
    static constexpr std::size_t kMaxScope = 128;
    static constexpr std::size_t kMaxProductId = 64;
    static constexpr std::size_t kMaxSerialNumber = 64;

    // `sink` (the UART), `identity` (its views) and `storage` (the flash region's bytes) must
    // outlive the port; `trace_tee` (may be null), e.g. a debug console, also receives every
    // firmware trace record the agent sends the host.
    KitPort(hil::ByteSink& sink, const hil::BoardIdentity& identity, FlashRegion storage,
            hal::TraceSink* trace_tee = nullptr);
    KitPort(const KitPort&) = delete;
    KitPort& operator=(const KitPort&) = delete;

    // Bytes from the host, any chunking; the answers have gone to the sink when it returns.
    void feed(const std::uint8_t* bytes, std::size_t count) { agent_.feed(bytes, count); }
    // At start-up, once: tells a host already on the line that this board (re)started.
    void announce() { agent_.announce(); }
    hil::LinkStats stats() const { return agent_.stats(); }

    // Free-running (no kCapLockstep): runs every event due by `now_ms` (the board's own ms
    // since start, never decreasing) and moves the board's clock there. Returns whether an
    // event is pending, and when (`next_due_ms`), so the loop can sleep until then.
    bool run_due(std::uint64_t now_ms, std::uint64_t& next_due_ms);

    // The board, once made (test face; nullptr before the first BoardConfig or Power).
    const KitBoard* board() const { return board_ ? &*board_ : nullptr; }
    KitBoard* board() { return board_ ? &*board_ : nullptr; }
    const EventQueue& queue() const { return queue_; }

    // hil::BoardPort
    void deliver(const fw::Event& event) override;
    std::uint64_t world_ms() const override;
    std::int64_t rtc_unix() const override;
    hil::PortAnswer power(hil::PowerAction action) override;
    hil::PortAnswer configure(const hil::BoardConfig& config) override;
    hil::PortAnswer run_until(std::uint64_t until_ms, std::uint64_t& stood_at_ms) override;
    hil::PortAnswer read_stored_refresh_token(fw::FixedString<fw::kMaxRefreshToken>& out) override;
    void ring_streaming(bool on) override;
    // hil::BoardMicrophone (queued after what is still playing; refused when kMaxPending
    // utterances are already queued)
    hil::PortAnswer speak(std::uint8_t voice, std::string_view text) override;

private:
    // The agent's "real" ring and loudspeaker: the board's, once it is made.
    struct RingForward final : hal::LedRing {
        explicit RingForward(KitPort& p) : port(p) {}
        void show(const hal::RingFrame& frame) override;
        KitPort& port;
    };
    struct SpeechForward final : hal::Speech {
        explicit SpeechForward(KitPort& p) : port(p) {}
        void say(std::string_view text) override;
        void stop() override;
        KitPort& port;
    };
    // What the board is made with (BoardConfig, or the simulator's defaults).
    struct Identity {
        std::uint64_t seed = 1;
        std::int64_t rtc_unix = 0;
        fw::FixedString<kMaxIssuer> issuer;
        fw::FixedString<kMaxClientId> client_id;
        fw::FixedString<kMaxScope> scope;
        fw::FixedString<kMaxProductId> product_id;
        fw::FixedString<kMaxSerialNumber> serial_number;
        fw::AuthDialect dialect = fw::AuthDialect::Rfc8628;
    };
    void make_board();
    // Copies `c`'s views into the port's own strings (made_with_) and points config_ at them.
    void keep_identity(const fw::DeviceConfig& c);
    void point_config_at_identity();
    // DueHandler: the LED refresh while the host streams the ring.
    void on_due(std::uint32_t tag) override;

    EventQueue queue_;
    FlashRegion storage_;
    RingForward ring_{*this};
    SpeechForward speech_{*this};
    hil::BoardAgent agent_;
    Identity made_with_;
    fw::DeviceConfig config_;  // views into made_with_: what each power-on's Speaker reads
    std::optional<KitBoard> board_;
    bool ring_streaming_ = false;
    EventQueue::Handle ring_refresh_;  // pending while streaming
};

} // namespace ringside::kit
