#pragma once
// The cloud's speech recognition: L16 audio in the speech wire format (common/tone_modem.hpp)
// to text and the speaker's voice, and the request after the wake word. The cloud's own
// listener, written apart from the device's (firmware/voice): the cloud is the test oracle, so
// a mistake in the device's voice activity or wake-word handling must not be mirrored here.
// Who may call: the voice API (voice_endpoint.cpp) and tests.
#include <string>
#include <string_view>

namespace ringside::cloud {

// The text and voice index of an utterance; voice -1 when there was no preamble to hear.
struct HeardUtterance {
    std::string text;
    int voice = -1;
};

// A symbol window counts as speech while its mean power is above this: a tenth of a full
// tone's power (amplitude squared over two), so room noise (about 1e4) never counts and a
// tone (3.2e7) always does. The device's own voice activity threshold is its business.
double asr_speech_power();

// `pcm_bytes` is 16-bit little-endian PCM at 8 kHz from the first sample of the preamble.
// The device streams until its own endpoint, so quiet follows the speech: as an ASR's
// endpointer decides, the text ends at the first symbol window with no speech in it.
HeardUtterance transcribe(const std::string& pcm_bytes);

// What was asked of the assistant: `heard` without a leading `wake_word` (a whole word:
// "alexa, play" yes, "alexandra" no) and the separators (space , . ? -) around the rest.
// Text that does not start with the wake word is returned as heard.
std::string request_after_wake_word(std::string_view heard, std::string_view wake_word);

} // namespace ringside::cloud
