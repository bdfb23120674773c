#pragma once
// hal::Speech of a board with no speech synthesiser: a sentence lasts as long as the
// simulator's loudspeaker says it does (sim::VirtualSpeech: kLeadIn plus kPerCharacter per
// byte of text), then Event::speech_done reaches the firmware, so the ring shows "speaking"
// exactly as long on the board as on the virtual speaker. Saying a new sentence or stop()
// cancels the pending speech_done (it never comes), as does power-off (cut()).
// The host hears the sentence through the agent's SpeechTap, not from here.
// Who may call: say/stop — the firmware, from dispatch (through the agent's tap); cut — the
// board at power-off; speaking/sentences — the port and tests.
#include <cstdint>
#include <string_view>

#include "firmware/hal/speech.hpp"
#include "hil/boards/common/event_queue.hpp"
#include "hil/boards/common/firmware_inbox.hpp"

namespace ringside::kit {

class KitSpeech final : public hal::Speech, private DueHandler {
public:
    static constexpr Millis kLeadIn{300};
    static constexpr Millis kPerCharacter{60};

    KitSpeech(EventQueue& queue, FirmwareInbox& firmware) : queue_(queue), firmware_(firmware) {}
    KitSpeech(const KitSpeech&) = delete;
    KitSpeech& operator=(const KitSpeech&) = delete;

    void say(std::string_view text) override;
    void stop() override;

    // Power-off: the voice stops mid-word.
    void cut() { stop(); }

    bool speaking() const { return static_cast<bool>(pending_); }
    std::uint32_t sentences() const { return sentences_; }  // started since the board was made

private:
    void on_due(std::uint32_t) override;

    EventQueue& queue_;
    FirmwareInbox& firmware_;
    EventQueue::Handle pending_{};
    std::uint32_t sentences_ = 0;
};

} // namespace ringside::kit
