#pragma once
// What `ringside COMMAND [SUBCOMMAND] --help` (or `ringside help COMMAND ...`) prints: one
// text per command path, each opening with its usage line, in one table so that the
// overview, the help of each command and the test that walks them all cannot drift apart.
// Who may call: cli/main.cpp, and tests that walk every command.
#include <string>
#include <string_view>
#include <vector>

namespace ringside::cli {

struct CommandHelp {
    std::string_view path;     // "run", "hil ping", "report merge"
    std::string_view summary;  // one line for the overview
    std::string_view text;     // the whole help, starting "usage: ringside <path>"
};

// Every command and subcommand, in the overview's order.
const std::vector<CommandHelp>& command_helps();

// `ringside --help`: the commands with their one-line summaries.
std::string overview_help();

// What `args` (the words after `ringside`) ask: help when any of them is --help or -h, or
// the first is `help`; then the help of the longest command path they start with, or the
// overview when they start with none. Words that start with no known command (a typo)
// ask for nothing known: the caller names them and exits 2.
struct HelpRequest {
    bool asked = false;
    bool known = true;
    const CommandHelp* help = nullptr;  // null: the overview
};
HelpRequest help_request(const std::vector<std::string>& args);

// The line that sends a usage error to the right help: "see 'ringside run --help'".
std::string see_help(std::string_view path);

} // namespace ringside::cli
