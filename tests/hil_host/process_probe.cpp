#include "process_probe.hpp"

#include <dirent.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

namespace ringside::test {
namespace {

// The state letter and parent of `pid` from /proc/PID/stat; the command name in it is in
// parentheses and may contain spaces, so the fields are read after its last ')'.
bool read_stat(pid_t pid, char& state, pid_t& parent) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    if (!std::getline(in, text)) return false;
    const std::size_t close = text.rfind(')');
    if (close == std::string::npos) return false;
    std::istringstream rest(text.substr(close + 1));
    long ppid = 0;
    if (!(rest >> state >> ppid)) return false;
    parent = static_cast<pid_t>(ppid);
    return true;
}

std::string argv0(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
    std::string first;
    std::getline(in, first, '\0');
    return first;
}

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

} // namespace

std::vector<pid_t> emulator_children(pid_t parent) {
    std::vector<pid_t> found;
    DIR* proc = ::opendir("/proc");
    if (!proc) return found;
    while (const dirent* e = ::readdir(proc)) {  // ends: a directory listing is finite
        char* end = nullptr;
        const long pid = std::strtol(e->d_name, &end, 10);
        if (pid <= 0 || *end != '\0') continue;
        char state = 0;
        pid_t ppid = 0;
        if (!read_stat(static_cast<pid_t>(pid), state, ppid) || ppid != parent || state == 'Z') continue;
        if (ends_with(argv0(static_cast<pid_t>(pid)), "ringside-board-emulator")) found.push_back(static_cast<pid_t>(pid));
    }
    ::closedir(proc);
    return found;
}

char process_state(pid_t pid) {
    char state = 0;
    pid_t parent = 0;
    return read_stat(pid, state, parent) ? state : 0;
}

bool has_exited(pid_t pid) {
    char state = 0;
    pid_t parent = 0;
    return !read_stat(pid, state, parent) || state == 'Z' || state == 'X';
}

bool wait_exited(pid_t pid, std::chrono::milliseconds within) {
    const auto deadline = std::chrono::steady_clock::now() + within;
    for (;;) {  // ends: at the deadline
        if (has_exited(pid)) return true;
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

std::optional<std::uint64_t> bytes_read(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/io");
    std::string key;
    std::uint64_t value = 0;
    while (in >> key >> value)  // ends: at the end of a short file
        if (key == "rchar:") return value;
    return std::nullopt;
}

} // namespace ringside::test
