#pragma once
// For the benchmark programs: a scenario file, or a folder's scenario files, or a clear
// error and exit 2.
#include <cstdio>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "runner/scenario_error.hpp"
#include "runner/scenario_loader.hpp"

namespace ringside::bench {

inline runner::Scenario load_or_exit(const std::string& path) {
    try {
        return runner::load_scenario(path);
    } catch (const runner::ScenarioError& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        std::exit(2);
    }
}

// Every .yaml file under `dir`, sorted (stable across runs); none is an error.
inline std::vector<std::string> scenario_files_or_exit(const std::string& dir) {
    std::vector<std::string> files;
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
        if (it->path().extension() == ".yaml") files.push_back(it->path().string());
    if (ec || files.empty()) {
        std::fprintf(stderr, "error: no scenario files under '%s'\n", dir.c_str());
        std::exit(2);
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace ringside::bench
