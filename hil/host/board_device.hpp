#pragma once
// A board on the HIL link as the world's speaker (sim::Device): the same scenario steps that
// drive the virtual board drive it, and the world it lives in is the simulator's — network
// model, mock cloud, Wi-Fi networks, companion app — reached through the board agent's
// tunnels (docs/hil_protocol.md). Events the world posts for the firmware go out as frames;
// what the board sends back is handled at the board's own time.
// A lockstep board (the emulator) runs only when the world grants it time, up to the world's
// next event, and stops early where it has something to say (run_to). A free-running board
// (a physical one) keeps its own time: the world then follows the wall clock, so scenario
// deadlines are honoured in real time, and what the board says is news when it arrives. Every wait for the board has
// a real-time deadline; a broken, damaged, restarted or silent link throws sim::DeviceLost
// with what happened and on which port. "Damaged" means a frame went missing (a sequence
// gap: what a bad CRC, a cut or a dropped frame leaves) or one came in another protocol
// version; line noise between frames that costs no frame is skipped (and counted).
// Who may call: the world (VirtualSpeaker), on its one thread.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hil/host/board_link.hpp"
#include "hil/host/handshake.hpp"
#include "hil/protocol/messages.hpp"
#include "hil/session/session_event.hpp"
#include "sim/device.hpp"

namespace ringside::hil {

struct BoardDeviceOptions {
    // How long the board may take to answer anything (real time). The emulator answers in
    // microseconds; a board at 115200 baud needs ~90 ms per full frame. A board that says it
    // is slower (HelloAck's answer_within: an emulated MCU on a loaded host) gets what it
    // says. Tests that provoke a silent board use a second or two.
    std::chrono::milliseconds answer_within = std::chrono::seconds(10);
    // `--board-timeout`: this, whatever the board says.
    bool answer_within_fixed = false;
    // The board's own figures as the device closes (benchmarks: the stack's high-water
    // mark after a whole scenario). When set and the board announced kCapBoardStats, the
    // device sends QueryBoardStats just before it lets go of the link, waits at most
    // `stats_within` (or answer_within, if shorter) and hands the answer over; when the
    // board cannot answer (it faulted, the link broke, it refused, it was too slow) the
    // callback gets nullopt and the reason. Never called for a board without the
    // capability. Called on the thread that destroys the device; it must not throw.
    std::function<void(const std::optional<BoardStats>& stats, const std::string& why_not)> on_close_stats;
    std::chrono::milliseconds stats_within = std::chrono::seconds(5);
};

class BoardDevice final : public sim::Device {
public:
    // `link` has done its handshake (`identity`). `keep_alive` is whatever the link needs
    // alive for as long as the device (the emulator process), destroyed after the link.
    BoardDevice(const sim::DeviceContext& context, std::unique_ptr<BoardLink> link, BoardIdentity identity,
                std::shared_ptr<void> keep_alive = {}, BoardDeviceOptions options = {});
    ~BoardDevice() override;

    void power_on() override;
    void power_off() override;
    bool powered() const override { return powered_; }
    bool reflash_client_id(const std::string& client_id) override;
    sim::Millis say(const std::string& text, int voice) override;

    fw::DeviceState device_state() const override { return status_.device; }
    fw::AuthState auth_state() const override { return status_.auth; }
    fw::RingPattern ring_pattern() const override { return status_.pattern; }
    hal::RingFrame leds() const override { return leds_; }
    std::string user_code() const override { return status_.user_code; }
    std::size_t device_audio_samples() const override { return status_.audio_samples; }
    const std::vector<sim::SpokenSentence>& spoken() const override { return spoken_; }
    std::optional<std::string> stored_refresh_token() const override;
    std::int64_t rtc_unix() const override { return rtc_unix_; }

    std::optional<sim::Millis> run_to(sim::Millis t) override;

    // Every input the world gives the board and every output it gives back, from now on,
    // appended to `log` (`ringside hil record`); null stops it.
    void record_to(std::vector<SessionEvent>* log) { log_ = log; }
    const BoardIdentity& identity() const { return identity_; }

private:
    struct Mirror {  // the board's last Status
        fw::DeviceState device = fw::DeviceState::Off;
        fw::AuthState auth = fw::AuthState::Unlinked;
        fw::RingPattern pattern = fw::RingPattern::Off;
        std::string user_code;
        std::size_t audio_samples = 0;
    };
    struct Outgoing {  // a tunnelled request being reassembled
        hal::RequestId id = 0;
        hal::HttpMethod method = hal::HttpMethod::Get;
        std::string url, content_type, authorization, body;
        std::size_t length = 0;
        bool streamed = false;  // its length comes with its HttpBodyEnd
    };

    template <typename Message>
    void send(const Message& message);
    // Frames until one of `type` arrives (returned), each other one handled on the way.
    Frame await(MessageType type, const std::string& what);
    Frame next_frame(const std::string& what);
    // The next intact frame by `deadline` (nullopt then); a lost frame or a restart throws.
    std::optional<Frame> receive_by(LinkClock::time_point deadline);
    std::optional<sim::Millis> run_free_to(sim::Millis t);
    void handle(const Frame& frame);
    void forward(const fw::Event& event);
    // A request whose body is whole goes into the world's network.
    void carry(Outgoing r);
    // `fresh`: a new board for a new world; else a reflash of the client id while off.
    void configure(const std::string& client_id, bool fresh);
    [[noreturn]] void lost(const std::string& what) const;
    void note(SessionEvent::Dir dir, std::string kind, std::vector<std::pair<std::string, std::string>> fields);
    // options_.on_close_stats with the board's answer to QueryBoardStats (the destructor's).
    void report_stats_at_close() noexcept;

    sim::DeviceContext context_;
    BoardDeviceOptions options_;
    bool lockstep_;  // else free-running: the world's time follows the wall clock from origin_
    LinkClock::time_point origin_;
    std::shared_ptr<void> keep_alive_;
    std::unique_ptr<BoardLink> link_;
    BoardIdentity identity_;
    bool powered_ = false;
    bool unanswered_ = false;  // inputs sent since the board last said where it stands
    sim::Millis board_at_{0};
    Mirror status_;
    hal::RingFrame leds_{};
    std::vector<sim::SpokenSentence> spoken_;
    std::int64_t rtc_unix_ = 0;
    std::optional<Outgoing> outgoing_;  // a whole-body request: its pieces come back to back
    std::optional<Outgoing> upload_;    // a streamed one: pieces interleave with other frames
    mutable std::optional<std::string> stored_token_;  // the last StoredToken answer
    std::vector<SessionEvent>* log_ = nullptr;
};

// A fresh link to the board on `port` (for `emulator` or `qemu`, a fresh process) made into
// the device of the world `context` describes. Throws sim::DeviceLost when the port cannot be
// opened or the board does not answer.
class BoardStarts;
// `starts` (may be null) hands out processes started ahead of need (board_device_factory's).
std::unique_ptr<BoardDevice> open_board_device(const sim::DeviceContext& context, const std::string& port, int baud,
                                               BoardDeviceOptions options = {}, BoardStarts* starts = nullptr);

// `--port`'s device factory: each world gets a fresh link to the board on `port` (for
// `emulator` or `qemu`, a fresh process). Throws sim::DeviceLost from the factory when the
// port cannot be opened or the board does not answer.
sim::DeviceFactory board_device_factory(const std::string& port, int baud, BoardDeviceOptions options = {});

// Opens `port` once and shakes hands, as a run does before it starts: throws LinkError when
// that cannot work (a usage error, exit 2, not one failure per scenario).
BoardIdentity check_board(const std::string& port, int baud);

} // namespace ringside::hil
