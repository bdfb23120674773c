// The CI templates of docs/ci.md (docs/ci/*.yml) are pasted by teams as they are: every
// `ringside` command in them must be one the CLI accepts. Each is run against the real
// binary with the CI's variables filled in (shard 1 of 4, a board port that does not
// exist) and `run` limited to a tag no scenario has, so nothing plays: a usage error (every
// one ends "see 'ringside ... --help'") is a template naming a flag or command that does
// not exist. The checker is also shown a broken template, which it must refuse.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <sstream>

#include "cloud_server/child.hpp"

using ringside::test::run_cli;

namespace {

constexpr const char* kProgram = "build/cli/ringside ";

std::string read(const std::string& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::size_t indent(const std::string& line) { return line.find_first_not_of(' '); }

// The `ringside` command lines of a YAML template: one line, or a folded (`>`) block whose
// lines share the first line's indentation.
std::vector<std::string> commands_in(const std::string& yaml) {
    std::vector<std::string> lines, commands;
    std::istringstream in(yaml);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::size_t at = lines[i].find(kProgram);
        if (at == std::string::npos || lines[i].find('#') < at) continue;
        std::string command = lines[i].substr(at + std::string(kProgram).size());
        if (at == indent(lines[i]))  // a folded block's first line: its siblings continue it
            while (i + 1 < lines.size() && !lines[i + 1].empty() && indent(lines[i + 1]) == at) command += " " + lines[++i].substr(at);
        commands.push_back(command);
    }
    return commands;
}

// The command as the CI would run it: its variables filled in, split into words.
std::vector<std::string> words_of(std::string command) {
    command = std::regex_replace(command, std::regex(R"(\$\{\{\s*matrix\.shard\s*\}\}|\$CI_NODE_INDEX)"), "1");
    command = std::regex_replace(command, std::regex(R"(\$CI_NODE_TOTAL)"), "4");
    command = std::regex_replace(command, std::regex(R"(\$RINGSIDE_BOARD_PORT)"), "/dev/ringside-template-check");
    command = std::regex_replace(command, std::regex(R"(\$\{\{[^}]*\}\}|\$[A-Za-z_]+)"), "x");
    std::vector<std::string> words;
    std::istringstream in(command);
    for (std::string w; in >> w;) {
        w.erase(std::remove(w.begin(), w.end(), '"'), w.end());
        words.push_back(w);
    }
    return words;
}

// What is wrong with the template's commands: each one the CLI refuses, with its answer.
std::vector<std::string> refused_commands(const std::string& yaml) {
    std::vector<std::string> refused;
    for (const std::string& command : commands_in(yaml)) {
        std::vector<std::string> args = words_of(command);
        if (!args.empty() && args[0] == "run") {
            args.push_back("--tag");
            args.push_back("ringside-template-check");  // select nothing: check, do not play
        }
        const auto r = run_cli(args, {}, std::chrono::seconds(20));
        if (r.exit_code < 0 || std::regex_search(r.output, std::regex(R"(see 'ringside [a-z ]*--help')")))
            refused.push_back(command + "\n  -> " + r.output);
    }
    return refused;
}

} // namespace

TEST_CASE("every ringside command in the CI templates is one the CLI accepts", "[cli][ci]") {
    for (const auto& [file, at_least] : {std::pair<std::string, std::size_t>{"docs/ci/github-actions.yml", 4},
                                         {"docs/ci/gitlab-ci.yml", 4}}) {
        const std::string yaml = read(RINGSIDE_SOURCE_DIR "/" + file);
        REQUIRE(!yaml.empty());
        INFO(file);
        const auto commands = commands_in(yaml);
        CHECK(commands.size() >= at_least);  // run, report merge, hil ping, run on the board
        for (const auto& refused : refused_commands(yaml)) FAIL_CHECK(refused);
    }
}

TEST_CASE("the template check refuses a template that names an unknown flag or command", "[cli][ci]") {
    const std::string good = read(RINGSIDE_SOURCE_DIR "/docs/ci/github-actions.yml");
    REQUIRE(refused_commands(good).empty());
    const std::string bad_flag = std::regex_replace(good, std::regex("--junit out/"), "--junit-xml out/");
    CHECK(refused_commands(bad_flag).size() >= 2);  // the shard's run and the board's run
    const std::string bad_value = std::regex_replace(good, std::regex(R"(--board-timeout 60s)"), "--board-timeout");
    CHECK(refused_commands(bad_value).size() == 1);
    const std::string bad_command = std::regex_replace(good, std::regex("ringside report merge"), "ringside reports merge");
    CHECK(refused_commands(bad_command).size() == 1);
}
