// Every command answers --help: the real binary, as a user runs it, for every path in the
// help table, and the table against what main.cpp dispatches, so that a command added to
// one and not the other fails here. Usage errors point to the help of their own command.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "cli/command_help.hpp"
#include "cloud_server/child.hpp"

using ringside::cli::command_helps;
using ringside::test::run_cli;

namespace {

std::vector<std::string> words(std::string_view path) {
    std::vector<std::string> out;
    std::istringstream in{std::string(path)};
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

std::string first_word(std::string_view path) { return words(path).front(); }

} // namespace

TEST_CASE("every command and subcommand answers --help with exit 0 and its own usage", "[cli][help]") {
    for (const auto& h : command_helps()) {
        std::vector<std::string> args = words(h.path);
        args.push_back("--help");
        const auto asked = run_cli(args, {}, std::chrono::seconds(10));
        INFO("ringside " << h.path << " --help:\n" << asked.output);
        CHECK(asked.exit_code == 0);
        CHECK(asked.output.rfind("usage: ringside " + std::string(h.path), 0) == 0);
        CHECK(asked.output == std::string(h.text));
        // The same help from `ringside help PATH` and with the flag after an operand.
        std::vector<std::string> via_word = words(h.path);
        via_word.insert(via_word.begin(), "help");
        CHECK(run_cli(via_word, {}, std::chrono::seconds(10)).output == asked.output);
        std::vector<std::string> late = words(h.path);
        late.push_back("some-operand");
        late.push_back("-h");
        CHECK(run_cli(late, {}, std::chrono::seconds(10)).output == asked.output);
    }
}

TEST_CASE("the overview lists every command and exits 0 with --help and 2 with nothing", "[cli][help]") {
    const auto overview = run_cli({"--help"}, {}, std::chrono::seconds(10));
    CHECK(overview.exit_code == 0);
    for (const auto& h : command_helps()) CHECK(overview.output.find("\n  " + std::string(h.path) + " ") != std::string::npos);
    const auto bare = run_cli({}, {}, std::chrono::seconds(10));
    CHECK(bare.exit_code == 2);
    CHECK(bare.output == overview.output);
}

TEST_CASE("an unknown command with --help is an error that points to the overview", "[cli][help]") {
    for (const std::vector<std::string>& args : {std::vector<std::string>{"rnu", "--help"}, {"help", "rnu"}}) {
        const auto r = run_cli(args, {}, std::chrono::seconds(10));
        CHECK(r.exit_code == 2);
        CHECK(r.output.find("unknown command 'rnu'; see 'ringside --help'") != std::string::npos);
    }
}

// main.cpp's dispatch and the help table name the same commands: a command without help,
// or help for a command nobody dispatches, fails here.
TEST_CASE("the help table and main.cpp's dispatch name the same commands", "[cli][help]") {
    std::ifstream main_source(RINGSIDE_SOURCE_DIR "/cli/main.cpp");
    REQUIRE(main_source);
    const std::string text((std::istreambuf_iterator<char>(main_source)), std::istreambuf_iterator<char>());
    std::set<std::string> dispatched, helped;
    const std::regex command_test(R"re(command == "([a-z-]+)")re");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), command_test); it != std::sregex_iterator(); ++it)
        dispatched.insert((*it)[1]);
    for (const auto& h : command_helps()) helped.insert(first_word(h.path));
    CHECK(dispatched == helped);
}

TEST_CASE("a usage error names the help of its own command and exits 2", "[cli][help]") {
    for (const auto& h : command_helps()) {
        std::vector<std::string> args = words(h.path);
        args.push_back("--no-such-option");
        args.push_back("x");
        const auto r = run_cli(args, {}, std::chrono::seconds(10));
        INFO("ringside " << h.path << " --no-such-option x:\n" << r.output);
        CHECK(r.exit_code == 2);
        CHECK(r.output.find("see 'ringside " + first_word(h.path)) != std::string::npos);
    }
}

TEST_CASE("ringside --version names the release and the build with exit 0", "[cli][help]") {
    for (const char* flag : {"--version", "-V"}) {
        const auto r = run_cli({flag}, {}, std::chrono::seconds(10));
        CHECK(r.exit_code == 0);
        CHECK(std::regex_match(r.output, std::regex(R"(ringside [0-9]+\.[0-9]+\.[0-9]+ \(build ([0-9a-f]{7,}(-dirty)?|unknown)\)\n)")));
    }
}
