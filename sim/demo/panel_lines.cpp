#include "sim/demo/panel_lines.hpp"

#include <cstdio>

#include "firmware/core/states.hpp"
#include "sim/text/timestamp.hpp"

namespace ringside::demo {

std::string format_countdown(std::chrono::milliseconds left) {
    const long long s = left.count() > 0 ? left.count() / 1000 : 0;
    char text[32];
    if (s >= 3600)
        std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
    else
        std::snprintf(text, sizeof text, "%lld:%02lld", s / 60, s % 60);
    return text;
}

std::vector<PanelLine> speaker_panel(const sim::VirtualSpeaker& world, std::chrono::milliseconds at) {
    const auto expires = world.access_token_expires_at();
    return {
        {"device", std::string(fw::to_string(world.device_state()))},
        {"auth", std::string(fw::to_string(world.auth_state()))},
        {"ring", std::string(fw::to_string(world.ring_pattern()))},
        {"user code", world.user_code()},
        {"verify at", world.verification_uri()},
        {"token expires in", expires ? format_countdown(*expires - at) : std::string()},
        {"virtual time", text::format_timestamp(at)},
    };
}

} // namespace ringside::demo
