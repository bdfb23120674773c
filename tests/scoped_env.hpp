#pragma once
// Sets variables in this process's environment for its lifetime and restores them after, so
// a child started meanwhile (Boost.Process, no env argument) inherits them. Used instead of
// bp::environment: Boost 1.74's lookup (basic_environment_impl::find) compares the name with
// every variable over the name's length, reading past the end of a shorter one (ASan:
// heap-buffer-overflow in the sanitizer build). Not for two threads at once.
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ringside::test {

class ScopedEnv {
public:
    // Each entry "NAME=value".
    explicit ScopedEnv(const std::vector<std::string>& assignments) {
        for (const std::string& a : assignments) {
            const auto eq = a.find('=');
            const std::string name = a.substr(0, eq);
            const char* old = std::getenv(name.c_str());
            saved_.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
            setenv(name.c_str(), eq == std::string::npos ? "" : a.c_str() + eq + 1, 1);
        }
    }
    ~ScopedEnv() {
        for (auto it = saved_.rbegin(); it != saved_.rend(); ++it) {
            if (it->second) setenv(it->first.c_str(), it->second->c_str(), 1);
            else unsetenv(it->first.c_str());
        }
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

} // namespace ringside::test
