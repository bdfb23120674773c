#include "hil/boards/stm32f405/placeholder_port.hpp"

#include "hil/boards/stm32f405/board_stats.hpp"
#include "hil/boards/stm32f405/systick.hpp"

namespace ringside::stm32f405 {

PlaceholderPort::PlaceholderPort(hil::ByteSink& sink, const hil::BoardIdentity& identity)
    : agent_(sink, *this, *this, leds_, loudspeaker_, identity) {}

void PlaceholderPort::deliver(const fw::Event&) {
    // Powered off, always (power() refuses): a port drops events while off.
}

std::uint64_t PlaceholderPort::world_ms() const { return systick::millis64(); }

hil::PortAnswer PlaceholderPort::power(hil::PowerAction) {
    return hil::PortAnswer::refused("this image has no firmware linked yet (agent and placeholder port only)");
}

hil::PortAnswer PlaceholderPort::board_stats(hil::BoardStats& out) {
    out = measure_board_stats();
    return hil::PortAnswer::ok();
}

hil::PortAnswer PlaceholderPort::speak(std::uint8_t, std::string_view) {
    return hil::PortAnswer::refused("this image has no microphone or firmware yet");
}

} // namespace ringside::stm32f405
