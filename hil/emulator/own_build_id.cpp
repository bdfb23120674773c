#include "hil/emulator/own_build_id.hpp"

#include <elf.h>
#include <link.h>

#include <cstdint>
#include <cstring>

namespace ringside::hil {
namespace {

// ELF notes: a header, then the name and the descriptor, each padded to 4 bytes.
std::size_t padded(std::size_t n) { return (n + 3) & ~std::size_t{3}; }

int find_in_main_program(dl_phdr_info* info, std::size_t, void* out) {
    auto& hex = *static_cast<std::string*>(out);
    // The first object dl_iterate_phdr reports is the main program (its name is empty).
    for (int i = 0; i < info->dlpi_phnum; ++i) {
        const ElfW(Phdr)& ph = info->dlpi_phdr[i];
        if (ph.p_type != PT_NOTE) continue;
        const auto* at = reinterpret_cast<const std::uint8_t*>(info->dlpi_addr + ph.p_vaddr);
        const std::uint8_t* end = at + ph.p_memsz;
        while (at + sizeof(ElfW(Nhdr)) <= end) {
            ElfW(Nhdr) note;
            std::memcpy(&note, at, sizeof note);
            const std::uint8_t* name = at + sizeof note;
            const std::uint8_t* desc = name + padded(note.n_namesz);
            if (desc + note.n_descsz > end) break;
            if (note.n_type == NT_GNU_BUILD_ID && note.n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0) {
                static const char digits[] = "0123456789abcdef";
                for (std::size_t b = 0; b < note.n_descsz; ++b) {
                    hex += digits[desc[b] >> 4];
                    hex += digits[desc[b] & 0xF];
                }
                return 1;
            }
            at = desc + padded(note.n_descsz);
        }
    }
    return 1;  // only the main program: stop after it
}

} // namespace

std::string own_build_id() {
    std::string hex;
    dl_iterate_phdr(find_in_main_program, &hex);
    return hex;
}

} // namespace ringside::hil
