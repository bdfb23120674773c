#include "hil/emulator/emulator_port.hpp"

#include "firmware/attention/render.hpp"
#include "firmware/core/timer_ids.hpp"
#include "firmware/speaker.hpp"
#include "hil/emulator/own_build_id.hpp"
#include "sim/board/virtual_led_ring.hpp"
#include "sim/board/virtual_speech.hpp"

namespace ringside::hil {

EmulatorPort::EmulatorPort(std::string board_id, sim::Millis late_poll, bool free_running,
                           std::uint32_t answer_within_ms)
    : late_poll_(late_poll),
      board_id_(std::move(board_id)),
      build_id_(own_build_id()),
      identity_{board_id_, "ringside-emulator-2",
                (free_running ? 0u : static_cast<std::uint32_t>(kCapLockstep)) | kCapHttpTunnel | kCapConfigurable |
                    kCapTestFace,
                "host (ringside-board-emulator)", build_id_, answer_within_ms},
      agent_(*this, *this, *this, ring_, speech_, identity_, nullptr) {}

EmulatorPort::~EmulatorPort() = default;

bool EmulatorPort::write(const std::uint8_t* bytes, std::size_t count) {
    out_.insert(out_.end(), bytes, bytes + count);
    return true;
}

void EmulatorPort::make_board() {
    const Identity& m = made_with_;
    const sim::DeviceContext context{m.seed,      m.issuer, m.client_id, m.scope,     m.product_id, m.serial_number,
                                     m.dialect,   m.rtc_unix, scheduler_, bus_,       trace_,       unlinked_,
                                     unlinked_,   unlinked_};
    board_ = std::make_unique<sim::VirtualBoard>(context);
    sim::Interposers taps;
    if (late_poll_ > sim::Millis(0)) taps.timers = &timers_;
    taps.ring = &agent_.ring();
    taps.speech = &agent_.speech();
    taps.trace = &agent_.trace();
    taps.wifi = &agent_.wifi();
    taps.http = &agent_.http();
    taps.setup = &agent_.setup();
    taps.after_dispatch = [this](const fw::Speaker& speaker) { agent_.observe(speaker); };
    board_->interpose(std::move(taps));
    reader_ = std::make_unique<StoredTokenReader>(board_->flash_part(), board_->crypto_part());
}

void EmulatorPort::deliver(const fw::Event& event) {
    if (board_ && board_->powered()) bus_.dispatch(event);
}

std::uint64_t EmulatorPort::world_ms() const { return static_cast<std::uint64_t>(scheduler_.now().count()); }

std::int64_t EmulatorPort::rtc_unix() const { return board_ ? board_->rtc_unix() : made_with_.rtc_unix; }

PortAnswer EmulatorPort::power(PowerAction action) {
    if (!board_) make_board();
    if (action != PowerAction::On && board_->powered()) {
        board_->power_off();
        agent_.powered_off();
    }
    if (action != PowerAction::Off) board_->power_on();  // observed through after_dispatch
    return PortAnswer::ok();
}

PortAnswer EmulatorPort::configure(const BoardConfig& c) {
    if (c.fresh && board_) {  // a new world: what the board was doing ends, its clock restarts
        if (board_->powered()) {
            board_->power_off();
            agent_.powered_off();
        }
        reader_.reset();
        board_.reset();
        scheduler_.restart();
        ring_refresh_ = {};
        if (ring_streaming_) ring_streaming(true);
    }
    if (board_ && board_->powered()) return PortAnswer::refused("powered on: configure before power-on");
    if (board_) {
        if (!board_->reflash_client_id(std::string(c.client_id))) return PortAnswer::refused("the board cannot be reflashed now");
        made_with_.client_id.assign(c.client_id);
        return PortAnswer::ok();
    }
    made_with_ = Identity{c.seed,
                          c.rtc_unix,
                          std::string(c.issuer),
                          std::string(c.client_id),
                          std::string(c.scope),
                          std::string(c.product_id),
                          std::string(c.serial_number),
                          c.dialect};
    make_board();
    return PortAnswer::ok();
}

PortAnswer EmulatorPort::run_until(std::uint64_t until_ms, std::uint64_t& stood_at_ms) {
    const sim::Millis until(static_cast<sim::Millis::rep>(until_ms));
    for (;;) {
        const auto next = scheduler_.next_time();
        if (!next || *next > until) break;
        // One instant: everything due at that time, including what it schedules for itself.
        const sim::Millis instant = *next;
        while (scheduler_.run_next(instant)) {
        }
        if (agent_.stop_pending()) {
            stood_at_ms = static_cast<std::uint64_t>(instant.count());
            return PortAnswer::ok();
        }
    }
    scheduler_.advance_to(until);
    stood_at_ms = until_ms;
    return PortAnswer::ok();
}

std::optional<sim::Millis> EmulatorPort::run_due(sim::Millis now) {
    for (auto next = scheduler_.next_time(); next && *next <= now; next = scheduler_.next_time()) {
        while (scheduler_.run_next(*next)) {
        }
    }
    scheduler_.advance_to(now);
    return scheduler_.next_time();
}

PortAnswer EmulatorPort::read_stored_refresh_token(fw::FixedString<fw::kMaxRefreshToken>& out) {
    if (reader_) reader_->read(out);
    else out.wipe();
    return PortAnswer::ok();
}

void EmulatorPort::ring_streaming(bool on) {
    ring_streaming_ = on;
    if (!on) {
        scheduler_.cancel(ring_refresh_);
        ring_refresh_ = {};
        return;
    }
    if (ring_refresh_) return;
    // The LED driver's refresh, as the board kit's KitPort does it (same times, same order).
    struct Refresh {
        static void at(EmulatorPort& p) {
            p.ring_refresh_ = p.scheduler_.schedule_at(p.scheduler_.now() + fw::attention::kFramePeriod, [&p] {
                p.ring_refresh_ = {};
                if (p.board_) p.board_->refresh_ring();
                if (p.ring_streaming_) at(p);
            });
        }
    };
    Refresh::at(*this);
}

PortAnswer EmulatorPort::speak(std::uint8_t voice, std::string_view text) {
    if (!board_) return PortAnswer::refused("the board is not set up yet");
    return board_->say(std::string(text), voice) == sim::Millis(0) ? PortAnswer::refused("nothing in that text can be spoken")
                                                                    : PortAnswer::ok();
}

void EmulatorPort::VariantTimers::arm(hal::TimerId id, hal::Millis delay) {
    port.board_->timers_part().arm(id, id == fw::timer::kAuthPoll ? delay + port.late_poll_ : delay);
}

void EmulatorPort::VariantTimers::cancel(hal::TimerId id) { port.board_->timers_part().cancel(id); }

void EmulatorPort::BoardRing::show(const hal::RingFrame& frame) {
    if (port.board_) port.board_->ring_part().show(frame);
}

void EmulatorPort::BoardSpeech::say(std::string_view text) {
    if (port.board_) port.board_->speech_part().say(text);
}

void EmulatorPort::BoardSpeech::stop() {
    if (port.board_) port.board_->speech_part().stop();
}

} // namespace ringside::hil
