#include "hil/boards/common/kit_speech.hpp"

namespace ringside::kit {

void KitSpeech::say(std::string_view text) {
    stop();
    ++sentences_;
    const Millis duration = kLeadIn + kPerCharacter * static_cast<long long>(text.size());
    pending_ = queue_.schedule_at(queue_.now() + duration, *this, 0);
}

void KitSpeech::stop() {
    queue_.cancel(pending_);
    pending_ = {};
}

void KitSpeech::on_due(std::uint32_t) {
    pending_ = {};
    firmware_.deliver(fw::Event::speech_done());
}

} // namespace ringside::kit
