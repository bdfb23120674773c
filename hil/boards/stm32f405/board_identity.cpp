#include "hil/boards/stm32f405/board_identity.hpp"

#include <cstdint>

#include "hil/boards/stm32f405/text_buffer.hpp"

namespace ringside::stm32f405 {
namespace {

// RM0090 §39.1: the unique device id, 96 bits, in system memory.
constexpr std::uintptr_t kUniqueId = 0x1FFF7A10;
constexpr std::size_t kUniqueIdBytes = 12;

} // namespace

std::string_view board_id(const Clocks& clocks) {
    static TextBuffer<kChip.size() + 1 + 2 * kUniqueIdBytes> text;
    if (!text.view().empty()) return text.view();
    if (clocks.source == ClockSource::RccAbsent) {
        text.add("qemu-netduinoplus2");
    } else {
        const auto* id = reinterpret_cast<const volatile std::uint8_t*>(kUniqueId);
        std::uint8_t bytes[kUniqueIdBytes];
        for (std::size_t i = 0; i < kUniqueIdBytes; ++i) bytes[i] = id[i];
        text.add(kChip).add("-").hex_bytes(bytes, kUniqueIdBytes);
    }
    return text.view();
}

} // namespace ringside::stm32f405
