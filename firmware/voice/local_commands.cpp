#include "firmware/voice/local_commands.hpp"

namespace ringside::fw::voice {
namespace {

bool separator(char c) { return c == ' ' || c == ',' || c == '.' || c == '?' || c == '-'; }

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && separator(s.front())) s.remove_prefix(1);
    while (!s.empty() && separator(s.back())) s.remove_suffix(1);
    return s;
}

} // namespace

LocalCommand local_command_for(std::string_view request) {
    const std::string_view r = trimmed(request);
    if (r == "stop" || r == "cancel") return LocalCommand::Stop;
    if (r == "volume up" || r == "louder") return LocalCommand::VolumeUp;
    if (r == "volume down" || r == "quieter") return LocalCommand::VolumeDown;
    if (r == "what time is it" || r == "what's the time") return LocalCommand::Time;
    return LocalCommand::None;
}

bool starts_with_wake_word(std::string_view heard, std::string_view wake_word) {
    if (wake_word.empty() || heard.substr(0, wake_word.size()) != wake_word) return false;
    return heard.size() == wake_word.size() || separator(heard[wake_word.size()]);
}

bool may_be_wake_word(std::string_view heard, std::string_view wake_word) {
    return heard.size() <= wake_word.size() && wake_word.substr(0, heard.size()) == heard;
}

std::string_view strip_wake_word(std::string_view heard, std::string_view wake_word) {
    return trimmed(heard.substr(wake_word.size() < heard.size() ? wake_word.size() : heard.size()));
}

} // namespace ringside::fw::voice
