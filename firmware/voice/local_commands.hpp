#pragma once
// What the device understands by itself, also offline: everything else needs the cloud.
// Who may call: the voice assistant; tests.
#include <cstdint>
#include <string_view>

namespace ringside::fw::voice {

enum class LocalCommand : std::uint8_t { None, Stop, VolumeUp, VolumeDown, Time };

// `request` is the utterance without its wake word, e.g. "volume up".
LocalCommand local_command_for(std::string_view request);

// The utterance after `wake_word` and the spaces/punctuation that follow it; `heard` must
// start with the wake word (see starts_with_wake_word).
std::string_view strip_wake_word(std::string_view heard, std::string_view wake_word);
// Whether `heard` begins with the whole wake word as a word of its own.
bool starts_with_wake_word(std::string_view heard, std::string_view wake_word);
// Whether `heard` could still become the wake word (a prefix of it so far).
bool may_be_wake_word(std::string_view heard, std::string_view wake_word);

} // namespace ringside::fw::voice
