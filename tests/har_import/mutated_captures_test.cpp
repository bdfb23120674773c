// No crash and no unloadable scenario, whatever a capture has become: each committed capture
// cut, flipped, spliced and retyped by a seeded generator (the same mutations every run), and
// imported in process. Each import either fails with an ImportError naming the capture or
// gives a scenario the runner loads. (fuzz/har_import.cpp explores further under libFuzzer.)
#include <catch2/catch.hpp>

#include <filesystem>
#include <random>

#include "har_import/har_test_support.hpp"
#include "importer/har/import_error.hpp"
#include "importer/har/import_har.hpp"
#include "runner/scenario_error.hpp"
#include "runner/scenario_loader.hpp"

using namespace ringside;

namespace {

// One seeded change: a cut, a flipped byte, a swapped JSON token, a duplicated slice.
std::string mutate(std::string text, std::mt19937& rng) {
    if (text.empty()) return text;
    std::uniform_int_distribution<std::size_t> at(0, text.size() - 1);
    switch (rng() % 5) {
        case 0: return text.substr(0, at(rng));
        case 1: text[at(rng)] = static_cast<char>(rng()); return text;
        case 2: {
            static const char* const kTokens[] = {"null", "\"\"", "-1", "1e400", "[]", "{}", "true", "\"x\"", "0", "999"};
            const std::size_t from = at(rng);
            const std::size_t end = text.find_first_of(",}]", from);
            if (end == std::string::npos) return text;
            return text.substr(0, from) + kTokens[rng() % 10] + text.substr(end);
        }
        case 3: {
            const std::size_t from = at(rng), len = std::min<std::size_t>(rng() % 200, text.size() - from);
            return text.insert(at(rng), text.substr(from, len));
        }
        default: {
            // A number where a string was, or a string where a number was.
            const std::size_t quote = text.find('"', at(rng));
            if (quote == std::string::npos) return text;
            return text.insert(quote, "7,");
        }
    }
}

} // namespace

TEST_CASE("mutated captures import into a scenario the runner loads or are refused with an ImportError", "[har]") {
    std::mt19937 rng(15);
    int refused = 0, imported = 0;
    for (const auto& file : std::filesystem::directory_iterator(std::string(RINGSIDE_SOURCE_DIR) + "/tests/data/har")) {
        if (file.path().extension() != ".har") continue;
        const std::string original = test::read_text(file.path().string());
        for (int i = 0; i < 500; ++i) {
            std::string text = original;
            for (int m = 0, n = 1 + static_cast<int>(rng() % 3); m < n; ++m) text = mutate(std::move(text), rng);
            INFO(file.path().filename().string() << " mutation " << i);
            try {
                const auto scenario = importer::import_har_text("mutated.har", text);
                CHECK_NOTHROW(runner::parse_scenario(scenario.yaml, "imported.yaml"));
                ++imported;
            } catch (const importer::ImportError& e) {
                CHECK_THAT(e.what(), Catch::StartsWith("mutated.har"));
                ++refused;
            }
        }
    }
    // Both outcomes were exercised.
    CHECK(refused > 300);
    CHECK(imported > 100);
}
