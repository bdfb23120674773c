#pragma once
// The suite as the tests that replay all of it play it (same verdicts over HTTP, on the
// emulator, no secret anywhere, byte-identical traces): every scenario file under
// scenarios/, sorted, except those tagged `herd` — the 10,000-speaker fleets, about 10 s
// each, which their own CTest tests play (scenario.fleet/...). Those tests pass
// kSkipHerd to `ringside run` so the CLI leaves out the same files.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "runner/scenario_loader.hpp"

namespace ringside::test {

inline const char* const kSkipHerd = "--skip-tag herd";

inline bool herd(const runner::Scenario& s) { return std::find(s.tags.begin(), s.tags.end(), "herd") != s.tags.end(); }

inline std::vector<std::string> everyday_suite_files() {
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(std::string(RINGSIDE_SOURCE_DIR) + "/scenarios"))
        if (e.path().extension() == ".yaml" && !herd(runner::load_scenario(e.path().string())))
            files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace ringside::test
