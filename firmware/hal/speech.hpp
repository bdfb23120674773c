#pragma once
// The loudspeaker, as the firmware's text-to-speech sees it: the device says a sentence and
// is told when it has finished (a SpeechDone event), so the ring can show "speaking" for
// exactly as long as the voice lasts. Sentences never carry tokens, passwords or codes.
#include <string_view>

namespace ringside::hal {

class Speech {
public:
    // Starts saying `text`, replacing anything still being said (whose SpeechDone then never
    // comes). The view need only live for the call.
    virtual void say(std::string_view text) = 0;
    // Cuts the current sentence short; no SpeechDone follows.
    virtual void stop() = 0;

protected:
    ~Speech() = default;
};

} // namespace ringside::hal
