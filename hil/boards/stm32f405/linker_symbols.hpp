#pragma once
// What stm32f405.ld tells the program about its own layout, and the figures derived from it
// (BoardStats, the start-up code). Addresses only: take them with &, never read a value.
// Who may call: anyone in the port.
#include <cstddef>
#include <cstdint>

extern "C" {
// Arrays, not objects: the code walks from one symbol to the next.
extern std::uint32_t __stack_bottom[], __stack_top[];                // the main stack, [bottom, top)
extern std::uint32_t __data_start[], __data_end[], __data_load[];    // .data in RAM, its image in flash
extern std::uint32_t __bss_start[], __bss_end[];
extern std::uint8_t __flash_standin_start[], __flash_standin_end[];  // RAM standing in for flash
extern const std::uint8_t __flash_start[], __flash_image_end[];      // the image in flash
extern const std::uint8_t __build_id_note_start[], __build_id_note_end[];
using InitFunction = void (*)();
extern InitFunction __preinit_array_start[], __preinit_array_end[];
extern InitFunction __init_array_start[], __init_array_end[];
}

namespace ringside::stm32f405 {

inline std::uintptr_t address_of(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }

// Bytes reserved for the main stack.
inline std::uint32_t stack_size_bytes() { return address_of(__stack_top) - address_of(__stack_bottom); }
// .data + .bss: every static object in RAM (the stack and the flash stand-in are not).
inline std::uint32_t static_ram_bytes() {
    return (address_of(__data_end) - address_of(__data_start)) + (address_of(__bss_end) - address_of(__bss_start));
}
// The image in flash: vector table, code, constants, .data's initial values.
inline std::uint32_t flash_used_bytes() { return address_of(__flash_image_end) - address_of(__flash_start); }

// The RAM a port may use as its token store's flash where it has no flash driver (QEMU).
// Its contents at reset are whatever RAM held: format it before use.
struct FlashStandin {
    std::uint8_t* bytes;
    std::size_t size;  // bytes (FLASH_STANDIN_SIZE, 16 KiB unless the link says otherwise)
};
inline FlashStandin flash_standin() {
    return {__flash_standin_start, static_cast<std::size_t>(__flash_standin_end - __flash_standin_start)};
}

} // namespace ringside::stm32f405
