#include "bench/board_map.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace ringside::bench {
namespace {

enum class Region { Flash, Ram, FlashAndRam, Stack, Standin, Sizes, Other };

// Where each output section of stm32f405.ld lives. .data takes RAM and, for its initial
// values, flash.
Region region_of(const std::string& output) {
    if (output == ".isr_vector" || output == ".text" || output == ".rodata" || output == ".note.gnu.build-id" ||
        output == ".ARM.extab" || output == ".ARM.exidx" || output == ".init_array" || output == ".preinit_array")
        return Region::Flash;
    if (output == ".data") return Region::FlashAndRam;
    if (output == ".bss") return Region::Ram;
    if (output == ".stack") return Region::Stack;
    if (output == ".flash_standin") return Region::Standin;
    if (output == ".ringside_sizeof") return Region::Sizes;
    return Region::Other;  // debug info, attributes, comments: not on the chip
}

std::optional<std::uint64_t> hex(const std::string& text) {
    if (text.size() < 3 || text[0] != '0' || text[1] != 'x') return std::nullopt;
    std::uint64_t v = 0;
    for (std::size_t i = 2; i < text.size(); ++i) {
        const char c = text[i];
        int d;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
        else return std::nullopt;
        v = v * 16 + static_cast<std::uint64_t>(d);
    }
    return v;
}

std::vector<std::string> words(const std::string& line) {
    std::istringstream in(line);
    std::vector<std::string> out;
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

std::string join_from(const std::vector<std::string>& w, std::size_t first) {
    std::string s;
    for (std::size_t i = first; i < w.size(); ++i) s += (s.empty() ? "" : " ") + w[i];
    return s;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

// The module an input file belongs to, as the map names the file:
//   hil/boards/stm32f405/CMakeFiles/<target>.dir/usart1.cpp.obj  -> hil/boards/stm32f405
//   firmware/libringside_firmware.a(auth_client.cpp.obj)         -> firmware/auth (via --source)
//   /usr/lib/.../libc_nano.a(lib_a-memcpy.o)                     -> libc/libstdc++
class Modules {
public:
    explicit Modules(std::optional<fs::path> source) : source_(std::move(source)) {}

    std::string of(const std::string& file) {
        if (file.empty()) return "(linker)";
        if (file[0] == '/') return "libc/libstdc++";  // only the toolchain is linked by absolute path
        const std::size_t paren = file.find('(');
        if (paren != std::string::npos && file.back() == ')') {
            const fs::path archive = file.substr(0, paren);
            const std::string member = file.substr(paren + 1, file.size() - paren - 2);
            return member_module(archive, member);
        }
        const std::size_t cmake = file.find("/CMakeFiles/");
        if (cmake != std::string::npos) {
            // <folder>/CMakeFiles/<target>.dir/<relative source>.obj
            const std::string folder = file.substr(0, cmake);
            const std::size_t dir = file.find(".dir/", cmake);
            const fs::path relative = dir == std::string::npos ? fs::path() : fs::path(file.substr(dir + 5)).parent_path();
            return relative.empty() ? folder : folder + "/" + relative.generic_string();
        }
        if (file.find('/') == std::string::npos) return "(linker)";  // "linker stubs": the build-id note
        return fs::path(file).parent_path().generic_string();
    }

private:
    // An archive's member carries only its file name: find the source of that name under
    // the archive's folder; one match places it, none or several leave the archive's name.
    std::string member_module(const fs::path& archive, const std::string& member) {
        const std::string key = archive.generic_string() + "(" + member + ")";
        if (auto found = cache_.find(key); found != cache_.end()) return found->second;
        std::string source_name = member;
        for (const char* suffix : {".obj", ".o"})
            if (source_name.size() > std::string(suffix).size() &&
                source_name.compare(source_name.size() - std::string(suffix).size(), std::string::npos, suffix) == 0)
                source_name.resize(source_name.size() - std::string(suffix).size());
        std::string module = archive.parent_path().generic_string() + "/" + archive.filename().string();
        if (source_) {
            const fs::path root = *source_ / archive.parent_path();
            std::vector<fs::path> hits;
            std::error_code ec;
            if (fs::is_directory(root, ec))
                for (fs::recursive_directory_iterator it(root, ec), end; it != end && !ec; it.increment(ec))
                    if (it->is_regular_file() && it->path().filename() == source_name) hits.push_back(it->path());
            if (hits.size() == 1) module = fs::relative(hits[0].parent_path(), *source_).generic_string();
        }
        cache_[key] = module;
        return module;
    }

    std::optional<fs::path> source_;
    std::map<std::string, std::string> cache_;
};

// Reads the "Linker script and memory map" part of a GNU ld map. An output section line
// starts in column 0 (".text  0x08000000  0x39cc", the address and size on the next line
// when the name is long); an input section line is indented (" .text.foo  0x..  0x..  file",
// likewise wrapped); " *fill*" lines are padding; symbol lines (an address and a name) and
// the script's own patterns are skipped.
std::optional<MapFigures> read_map(std::istream& in, Modules& modules) {
    MapFigures m;
    bool in_map = false;
    std::string output, pending_output, pending_input;

    const auto close_output = [&](std::uint64_t address, std::uint64_t size, std::uint64_t load) {
        switch (region_of(output)) {
            case Region::Flash: m.flash_end = std::max(m.flash_end, address + size); break;
            case Region::FlashAndRam:
                m.flash_end = std::max(m.flash_end, load + size);
                m.ram += size;
                break;
            case Region::Ram: m.ram += size; break;
            case Region::Stack: m.stack = size; break;
            case Region::Standin: m.standin = size; break;
            case Region::Sizes:
            case Region::Other: break;
        }
    };
    std::uint64_t covered_to = 0;  // the end of the bytes already counted in this output section
    const auto add_input = [&](const std::string& name, std::uint64_t address, std::uint64_t listed_size,
                               const std::string& file) {
        // Merged sections (strings, .str1.1) are listed with their size before merging, at
        // overlapping addresses: count only bytes no earlier section covered.
        const std::uint64_t end = address + listed_size;
        const std::uint64_t size = end > std::max(address, covered_to) ? end - std::max(address, covered_to) : 0;
        covered_to = std::max(covered_to, end);
        if (size == 0) return;
        const Region r = region_of(output);
        if (r == Region::Sizes) {
            const std::string prefix = ".bss.ringside_sizeof.";
            m.sizes.emplace_back(starts_with(name, prefix) ? name.substr(prefix.size()) : name, size);
            return;
        }
        if (r != Region::Flash && r != Region::Ram && r != Region::FlashAndRam) return;
        ModuleUsage& u = m.modules[modules.of(file)];
        if (r != Region::Ram) u.flash += size;
        if (r != Region::Flash) u.ram += size;
    };
    // "0xADDR 0xSIZE [load address 0xLOAD]" after an output section's name.
    const auto output_line = [&](const std::vector<std::string>& w, std::size_t at) {
        const auto address = at < w.size() ? hex(w[at]) : std::nullopt;
        const auto size = at + 1 < w.size() ? hex(w[at + 1]) : std::nullopt;
        if (!address || !size) return false;
        std::uint64_t load = *address;
        if (at + 4 < w.size() && w[at + 2] == "load" && w[at + 3] == "address")
            if (auto l = hex(w[at + 4])) load = *l;
        close_output(*address, *size, load);
        return true;
    };

    for (std::string line; std::getline(in, line);) {
        if (!in_map) {
            in_map = starts_with(line, "Linker script and memory map");
            continue;
        }
        if (line.empty()) continue;
        const std::vector<std::string> w = words(line);
        if (w.empty()) continue;
        if (line[0] != ' ') {
            pending_input.clear();
            pending_output.clear();
            if (w[0][0] == '.') {
                output = w[0];
                covered_to = 0;
                if (w.size() == 1) pending_output = w[0];
                else output_line(w, 1);
            } else {
                output.clear();  // LOAD, OUTPUT(...), /DISCARD/ and the like
            }
            continue;
        }
        if (!pending_output.empty()) {
            pending_output.clear();
            if (output_line(w, 0)) continue;
        }
        if (!pending_input.empty()) {
            const std::string name = pending_input;
            pending_input.clear();
            const auto address = hex(w[0]);
            const auto size = w.size() >= 2 ? hex(w[1]) : std::nullopt;
            if (address && size && w.size() >= 2) {
                add_input(name, *address, *size, join_from(w, 2));
                continue;
            }
        }
        if (w[0] == "*fill*") continue;  // padding: left in the "(alignment)" remainder
        if (w[0][0] == '.' || w[0] == "COMMON") {
            if (w.size() == 1) {
                pending_input = w[0];
                continue;
            }
            const auto address = hex(w[1]);
            const auto size = w.size() >= 3 ? hex(w[2]) : std::nullopt;
            if (address && size) add_input(w[0], *address, *size, join_from(w, 3));
        }
    }
    if (!in_map) return std::nullopt;
    return m;
}

} // namespace

std::string kib(std::uint64_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f KiB", static_cast<double>(bytes) / 1024.0);
    return text;
}

std::optional<MapFigures> read_board_map(const fs::path& path, const std::optional<fs::path>& source, std::string& error) {
    std::ifstream in(path);
    if (!in) {
        error = "cannot read " + path.string();
        return std::nullopt;
    }
    Modules modules(source);
    std::optional<MapFigures> map = read_map(in, modules);
    if (!map) error = path.string() + " is not a GNU ld map file (no 'Linker script and memory map')";
    return map;
}

void print_board_map(std::FILE* out, const MapFigures& map) {
    ModuleUsage listed;
    for (const auto& [name, u] : map.modules) {
        listed.flash += u.flash;
        listed.ram += u.ram;
    }
    const std::uint64_t flash = map.flash();
    const auto row = [out](const std::string& name, std::uint64_t flash_b, std::uint64_t ram_b) {
        std::fprintf(out, "%-32s %10llu %12llu\n", name.c_str(), static_cast<unsigned long long>(flash_b),
                     static_cast<unsigned long long>(ram_b));
    };
    std::fprintf(out, "%-32s %10s %12s\n", "module", "flash B", "RAM B");
    for (const auto& [name, u] : map.modules) row(name, u.flash, u.ram);
    row("(alignment)", flash - listed.flash, map.ram - listed.ram);
    row("total", flash, map.ram);
    row("budget", kBoardFlashBudget, kBoardRamBudget);
    std::fprintf(out, "\nflash %s of %s: %s\n", kib(flash).c_str(), kib(kBoardFlashBudget).c_str(),
                 map.flash_within_budget() ? "within budget" : "OVER BUDGET");
    std::fprintf(out, "RAM   %s of %s (.data + .bss): %s\n", kib(map.ram).c_str(), kib(kBoardRamBudget).c_str(),
                 map.ram_within_budget() ? "within budget" : "OVER BUDGET");
    std::fprintf(out, "not counted: stack %llu B (reserved), .flash_standin %llu B (RAM standing in for flash on QEMU)\n",
                 static_cast<unsigned long long>(map.stack), static_cast<unsigned long long>(map.standin));
    std::fprintf(out, "static objects count where they are defined: the port's main() holds the agent's.\n");
    if (!map.sizes.empty()) {
        std::fprintf(out, "sizeof on the target:");
        for (std::size_t i = 0; i < map.sizes.size(); ++i)
            std::fprintf(out, "%s %s %llu B", i ? "," : "", map.sizes[i].first.c_str(),
                         static_cast<unsigned long long>(map.sizes[i].second));
        std::fprintf(out, "\n");
    }
}

} // namespace ringside::bench
