#include "hil/boards/stm32f405/build_id.hpp"

#include <cstdint>
#include <cstring>

#include "hil/boards/stm32f405/linker_symbols.hpp"
#include "hil/boards/stm32f405/text_buffer.hpp"

namespace ringside::stm32f405 {
namespace {

constexpr std::uint32_t kNtGnuBuildId = 3;
constexpr std::size_t kMaxIdBytes = 32;  // GNU ld writes 20 (SHA-1) by default

std::size_t padded(std::size_t n) { return (n + 3) & ~std::size_t{3}; }

} // namespace

std::string_view build_id() {
    static TextBuffer<2 * kMaxIdBytes> hex;
    static bool made = false;
    if (made) return hex.view();
    made = true;
    // An ELF note: namesz, descsz, type (u32 each), the name ("GNU\0") and the id, each
    // padded to 4 bytes.
    const std::uint8_t* at = __build_id_note_start;
    const std::uint8_t* end = __build_id_note_end;
    std::uint32_t header[3];
    if (end - at >= static_cast<std::ptrdiff_t>(sizeof header)) {
        std::memcpy(header, at, sizeof header);
        const std::uint8_t* name = at + sizeof header;
        const std::uint8_t* id = name + padded(header[0]);
        if (header[2] == kNtGnuBuildId && header[0] == 4 && std::memcmp(name, "GNU", 4) == 0 &&
            header[1] <= kMaxIdBytes && id + header[1] <= end)
            hex.hex_bytes(id, header[1]);
    }
    if (hex.view().empty()) hex.add("none");
    return hex.view();
}

} // namespace ringside::stm32f405
