#pragma once
// hal::Speech over virtual time: a sentence lasts as long as a person would take to say it
// (kPerCharacter per character plus a lead-in), then SpeechDone reaches the firmware.
// The test face is what was said, and when. Who may call: say/stop — the firmware;
// sentences — the world and tests.
#include <string>
#include <vector>

#include "firmware/hal/speech.hpp"
#include "sim/board/device_bus.hpp"
#include "sim/board/trace_recorder.hpp"
#include "sim/virtual_speaker.hpp"

namespace ringside::sim {

class VirtualSpeech final : public hal::Speech {
public:
    static constexpr Millis kLeadIn{300};
    static constexpr Millis kPerCharacter{60};

    VirtualSpeech(DeviceBus& bus, TraceRecorder& trace) : bus_(bus), trace_(trace) {}

    void say(std::string_view text) override;
    void stop() override;

    // Power-off: the voice stops mid-word.
    void cut() { stop(); }

    const std::vector<SpokenSentence>& sentences() const { return sentences_; }
    bool speaking() const { return static_cast<bool>(pending_); }

private:
    DeviceBus& bus_;
    TraceRecorder& trace_;
    Scheduler::Handle pending_{};
    std::vector<SpokenSentence> sentences_;
};

} // namespace ringside::sim
