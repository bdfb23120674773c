#include "hil/boards/common/kit_board.hpp"

namespace ringside::kit {

KitBoard::KitBoard(EventQueue& queue, hil::BoardAgent& agent, FlashRegion storage, const BoardMaking& making)
    : agent_(agent),
      config_(*making.config),
      clock_(queue),
      timers_(queue, *this),
      flash_(storage),
      random_(making.seed),
      speech_(queue, *this),
      mic_(queue, *this, making.seed),
      crypto_(making.seed, making.config->serial_number),
      rtc_(queue, making.rtc_unix),
      wiring_{clock_,        timers_, agent.ring(), agent.wifi(), agent.http(),  flash_, random_,
              agent.trace(), agent.speech(), mic_, agent.setup(), crypto_, rtc_},
      reader_(flash_, crypto_) {
    flash_.erase_all();  // a new board's flash comes erased from the factory
}

void KitBoard::power_on() {
    if (speaker_) return;  // already on: pressing "on" again changes nothing
    clock_.mark_power_on();
    speaker_.emplace(wiring_, config_);
    ++generation_;  // what was meant for an earlier power-on is void from here
    speaker_->power_on();
    agent_.observe(*speaker_);
}

void KitBoard::power_off() {
    if (!speaker_) return;
    // As sim::VirtualBoard: void first, so nothing the firmware's destructor sets in motion
    // is ever answered; then the parts forget what was in flight.
    ++generation_;
    speaker_.reset();
    timers_.reset();
    speech_.cut();
    mic_.reset();
    ring_.go_dark();
}

void KitBoard::refresh_ring() {
    if (speaker_ && !dispatching_) speaker_->refresh_ring();
}

void KitBoard::deliver(const fw::Event& event) {
    if (dispatching_) {  // a part posting from inside a dispatch: a kit bug, never done silently
        ++reentrant_;
        return;
    }
    if (!speaker_) return;
    dispatching_ = true;
    speaker_->dispatch(event);
    agent_.observe(*speaker_);
    dispatching_ = false;
}

} // namespace ringside::kit
