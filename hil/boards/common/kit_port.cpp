#include "hil/boards/common/kit_port.hpp"

#include "firmware/attention/render.hpp"

namespace ringside::kit {

KitPort::KitPort(hil::ByteSink& sink, const hil::BoardIdentity& identity, FlashRegion storage,
                 hal::TraceSink* trace_tee)
    : storage_(storage), agent_(sink, *this, *this, ring_, speech_, identity, trace_tee) {
    // The simulator's defaults (hil/emulator's, and fw::DeviceConfig's), for a board powered
    // on before any BoardConfig.
    keep_identity(fw::DeviceConfig{});
}

void KitPort::keep_identity(const fw::DeviceConfig& c) {
    made_with_.issuer.assign(c.issuer);
    made_with_.client_id.assign(c.client_id);
    made_with_.scope.assign(c.scope);
    made_with_.product_id.assign(c.product_id);
    made_with_.serial_number.assign(c.serial_number);
    made_with_.dialect = c.dialect;
    point_config_at_identity();
}

void KitPort::point_config_at_identity() {
    config_ = fw::DeviceConfig{made_with_.issuer.view(),     made_with_.client_id.view(),
                               made_with_.scope.view(),      made_with_.product_id.view(),
                               made_with_.serial_number.view(), made_with_.dialect};
}

void KitPort::make_board() {
    board_.emplace(queue_, agent_, storage_, BoardMaking{made_with_.seed, made_with_.rtc_unix, &config_});
}

void KitPort::deliver(const fw::Event& event) {
    if (board_ && board_->powered()) board_->deliver(event);
}

std::uint64_t KitPort::world_ms() const { return static_cast<std::uint64_t>(queue_.now().count()); }

std::int64_t KitPort::rtc_unix() const { return board_ ? board_->rtc().unix_seconds() : made_with_.rtc_unix; }

hil::PortAnswer KitPort::power(hil::PowerAction action) {
    if (!board_) make_board();
    if (action != hil::PowerAction::On && board_->powered()) {
        board_->power_off();
        agent_.powered_off();
    }
    if (action != hil::PowerAction::Off) board_->power_on();  // observed by the board
    return hil::PortAnswer::ok();
}

hil::PortAnswer KitPort::configure(const hil::BoardConfig& c) {
    if (c.client_id.size() > kMaxClientId) return hil::PortAnswer::refused("client id longer than this board keeps");
    if (c.fresh && (c.issuer.size() > kMaxIssuer || c.scope.size() > kMaxScope || c.product_id.size() > kMaxProductId ||
                    c.serial_number.size() > kMaxSerialNumber))
        return hil::PortAnswer::refused("an identity field is longer than this board keeps");
    if (c.fresh && board_) {  // a new world: what the board was doing ends, its clock restarts
        if (board_->powered()) {
            board_->power_off();
            agent_.powered_off();
        }
        board_.reset();
        queue_.restart();
        ring_refresh_ = {};
        if (ring_streaming_) ring_streaming(true);
    }
    if (board_ && board_->powered()) return hil::PortAnswer::refused("powered on: configure before power-on");
    if (board_) {  // a reflash: the new client id, everything else (flash included) kept
        made_with_.client_id.assign(c.client_id);
        point_config_at_identity();
        return hil::PortAnswer::ok();
    }
    made_with_.seed = c.seed;
    made_with_.rtc_unix = c.rtc_unix;
    keep_identity(fw::DeviceConfig{c.issuer, c.client_id, c.scope, c.product_id, c.serial_number, c.dialect});
    make_board();
    return hil::PortAnswer::ok();
}

hil::PortAnswer KitPort::run_until(std::uint64_t until_ms, std::uint64_t& stood_at_ms) {
    const Millis until(static_cast<Millis::rep>(until_ms));
    for (Millis instant{0}; queue_.next_time(instant) && instant <= until;) {
        // One instant: everything due at that time, including what it schedules for itself.
        while (queue_.run_next(instant)) {
        }
        if (agent_.stop_pending()) {
            stood_at_ms = static_cast<std::uint64_t>(instant.count());
            return hil::PortAnswer::ok();
        }
    }
    queue_.advance_to(until);
    stood_at_ms = until_ms;
    return hil::PortAnswer::ok();
}

bool KitPort::run_due(std::uint64_t now_ms, std::uint64_t& next_due_ms) {
    const Millis now(static_cast<Millis::rep>(now_ms));
    for (Millis instant{0}; queue_.next_time(instant) && instant <= now;) {
        while (queue_.run_next(instant)) {
        }
    }
    queue_.advance_to(now);
    Millis next{0};
    if (!queue_.next_time(next)) return false;
    next_due_ms = static_cast<std::uint64_t>(next.count());
    return true;
}

void KitPort::ring_streaming(bool on) {
    ring_streaming_ = on;
    if (!on) {
        queue_.cancel(ring_refresh_);
        ring_refresh_ = {};
    } else if (!ring_refresh_) {
        ring_refresh_ = queue_.schedule_at(queue_.now() + fw::attention::kFramePeriod, *this, 0);
    }
}

void KitPort::on_due(std::uint32_t) {
    ring_refresh_ = {};
    if (board_) board_->refresh_ring();
    if (ring_streaming_) ring_refresh_ = queue_.schedule_at(queue_.now() + fw::attention::kFramePeriod, *this, 0);
}

hil::PortAnswer KitPort::read_stored_refresh_token(fw::FixedString<fw::kMaxRefreshToken>& out) {
    if (board_) board_->read_stored_refresh_token(out);
    else out.wipe();
    return hil::PortAnswer::ok();
}

hil::PortAnswer KitPort::speak(std::uint8_t voice, std::string_view text) {
    if (!board_) return hil::PortAnswer::refused("the board is not set up yet");
    Millis last_frame_at{0};
    switch (board_->mic().speak(text, voice, last_frame_at)) {
        case KitMicrophone::Spoken::Queued: return hil::PortAnswer::ok();
        case KitMicrophone::Spoken::BadVoice: return hil::PortAnswer::refused("nothing in that text can be spoken");
        case KitMicrophone::Spoken::TooLong: return hil::PortAnswer::refused("more text than the microphone can hold");
        case KitMicrophone::Spoken::Busy: return hil::PortAnswer::refused("the microphone's queue of utterances is full");
    }
    return hil::PortAnswer::refused("the microphone refused");
}

void KitPort::RingForward::show(const hal::RingFrame& frame) {
    if (port.board_) port.board_->ring().show(frame);
}

void KitPort::SpeechForward::say(std::string_view text) {
    if (port.board_) port.board_->speech().say(text);
}

void KitPort::SpeechForward::stop() {
    if (port.board_) port.board_->speech().stop();
}

} // namespace ringside::kit
