#pragma once
// A board image's flash and RAM per module, read from the GNU ld map file the board build
// writes next to every image (cmake/arm-none-eabi.cmake), and the budget: at most
// 128 KiB of flash and 32 KiB of static RAM (.data + .bss) for firmware + agent + port.
// Modules: firmware/<folder>, hil/protocol, hil/agent, hil/boards/<board> (each object's
// folder in the source tree), and libc/libstdc++ (the toolchain's libc, libm, libgcc,
// libstdc++, libsupc++). What no input section accounts for (alignment between sections) is
// "(alignment)". Not counted in RAM: the stack (a reservation, reported on its own line) and
// .flash_standin (RAM standing in for the token store's flash on QEMU). Sizes of types on
// the target (sizes_probe.cpp's .ringside_sizeof section) come as the map lists them.
// Who may call: the benchmark programs (ringside_bench_board_memory, _board_on_target).
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ringside::bench {

inline constexpr std::uint64_t kBoardFlashBudget = 128 * 1024;  // bytes
inline constexpr std::uint64_t kBoardRamBudget = 32 * 1024;     // bytes of .data + .bss
inline constexpr std::uint64_t kBoardFlashOrigin = 0x08000000;

struct ModuleUsage {
    std::uint64_t flash = 0;
    std::uint64_t ram = 0;
};

struct MapFigures {
    std::map<std::string, ModuleUsage> modules;
    std::uint64_t flash_end = kBoardFlashOrigin;  // the highest flash byte the image occupies, + 1
    std::uint64_t ram = 0;                        // .data + .bss, whole sections
    std::uint64_t stack = 0, standin = 0;
    std::vector<std::pair<std::string, std::uint64_t>> sizes;  // sizeof on the target

    std::uint64_t flash() const { return flash_end - kBoardFlashOrigin; }
    bool flash_within_budget() const { return flash() <= kBoardFlashBudget; }
    bool ram_within_budget() const { return ram <= kBoardRamBudget; }
};

// Reads the map at `path`; `source` (the source tree) places archive members
// (auth_client.cpp.obj in libringside_firmware.a) in their folder (firmware/auth).
// nullopt and `error` when the file cannot be read or is not a GNU ld map.
std::optional<MapFigures> read_board_map(const std::filesystem::path& path,
                                         const std::optional<std::filesystem::path>& source, std::string& error);

// The per-module table, the totals against the budget with a verdict each, what is not
// counted and the sizes on the target, to `out`.
void print_board_map(std::FILE* out, const MapFigures& map);

std::string kib(std::uint64_t bytes);  // "30.7 KiB"

} // namespace ringside::bench
