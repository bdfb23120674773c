// Flash and RAM of a board image, per module, from the GNU ld map file the board build writes
// next to every image (cmake/arm-none-eabi.cmake), against the budget: at most
// 128 KiB of flash and 32 KiB of static RAM (.data + .bss) for firmware + agent + port
// (bench/board_map.hpp says what counts where). What the board itself measures while it
// plays scenarios (stack high-water, heap after init): ringside_bench_board_on_target.
//
// usage: ringside_bench_board_memory [--check] [--source DIR] [--skip-if-missing] MAP
//   --check            exit 1 when over either budget
//   --source DIR       the source tree, to place archive members (auth_client.cpp.obj in
//                      libringside_firmware.a) in their folder (firmware/auth)
//   --skip-if-missing  exit 77 (CTest's "skipped") when MAP does not exist: the board image
//                      was not built (scripts/build-board)
// Exit: 0 within budget (or no --check), 1 over budget with --check, 2 bad usage or a file
// that is not a map.
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>

#include "bench/board_map.hpp"

namespace fs = std::filesystem;
using namespace ringside::bench;

namespace {

constexpr int kSkipped = 77;

int usage(const std::string& why) {
    std::fprintf(stderr,
                 "error: %s\nusage: ringside_bench_board_memory [--check] [--source DIR] [--skip-if-missing] MAP\n",
                 why.c_str());
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    bool check = false, skip_if_missing = false;
    std::optional<fs::path> source;
    std::string map_path;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--check") check = true;
        else if (a == "--skip-if-missing") skip_if_missing = true;
        else if (a == "--source" && i + 1 < argc) source = fs::path(argv[++i]);
        else if (!a.empty() && a[0] == '-') return usage("unknown option " + a);
        else if (map_path.empty()) map_path = a;
        else return usage("one map file only");
    }
    if (map_path.empty()) return usage("the map file is required");
    std::error_code ec;
    if (skip_if_missing && !fs::exists(map_path, ec)) {
        std::printf("skipped: no board image map at %s (build the board image with scripts/build-board)\n",
                    map_path.c_str());
        return kSkipped;
    }
    std::string error;
    const std::optional<MapFigures> map = read_board_map(map_path, source, error);
    if (!map) return usage(error);
    std::printf("board memory: %s\n\n", map_path.c_str());
    print_board_map(stdout, *map);
    return check && !(map->flash_within_budget() && map->ram_within_budget()) ? 1 : 0;
}
