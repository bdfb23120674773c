#include "sim/board/virtual_speech.hpp"

namespace ringside::sim {

void VirtualSpeech::say(std::string_view text) {
    stop();
    const Millis now = bus_.scheduler().now();
    sentences_.push_back({now, std::string(text)});
    trace_.record_line("speech", "say", text);
    const Millis duration = kLeadIn + kPerCharacter * static_cast<long long>(text.size());
    pending_ = bus_.post_at(now + duration, [this] {
        pending_ = {};
        bus_.dispatch(fw::Event::speech_done());
    });
}

void VirtualSpeech::stop() {
    bus_.scheduler().cancel(pending_);
    pending_ = {};
}

} // namespace ringside::sim
