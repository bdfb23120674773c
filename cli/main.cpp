// The `ringside` command: one binary, a subcommand per job (DESIGN.md §3).
#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "cli/cloud_command.hpp"
#include "cli/command_help.hpp"
#include "cli/demo_command.hpp"
#include "cli/fleet_command.hpp"
#include "cli/hil_command.hpp"
#include "cli/hil_record.hpp"
#include "cli/import_command.hpp"
#include "cli/signin_command.hpp"
#include "explore/explore_command.hpp"
#include "reports/merge/merge_command.hpp"
#include "runner/run_command.hpp"
#include "version/version.hpp"

int main(int argc, char** argv) {
    using ringside::cli::see_help;
    if (argc > 1 && ringside::is_version_flag(argv[1])) {
        std::cout << ringside::version_line("ringside") << "\n";
        return 0;
    }
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        std::cerr << ringside::cli::overview_help();
        return 2;
    }
    if (const auto help = ringside::cli::help_request(args); help.asked) {
        if (!help.known) {
            std::cerr << "error: unknown command '" << args[args[0] == "help" ? 1 : 0] << "'; " << see_help("") << "\n";
            return 2;
        }
        std::cout << (help.help ? std::string(help.help->text) : ringside::cli::overview_help());
        return 0;
    }
    const std::string command = args[0];
    args.erase(args.begin());
    if (command == "run") {
        try {
            auto options = ringside::runner::parse_run_options(args, argv[0]);
            options.progress = isatty(STDOUT_FILENO) != 0;  // plain lines into files and CI logs
            return ringside::runner::run_command(options, std::cout, std::cerr);
        } catch (const ringside::runner::UsageError& e) {
            std::cerr << "error: " << e.what() << "; " << see_help("run") << "\n";
            return 2;
        }
    }
    if (command == "explore") {
        try {
            auto options = ringside::explore::parse_explore_options(args, argv[0]);
            options.run.progress = isatty(STDOUT_FILENO) != 0;
            return ringside::explore::explore_command(options, std::cout, std::cerr);
        } catch (const ringside::runner::UsageError& e) {
            std::cerr << "error: " << e.what() << "; " << see_help("explore") << "\n";
            return 2;
        }
    }
    if (command == "cloud") return ringside::cli::cloud_command(args);
    if (command == "hil") return ringside::cli::hil_command(args);
    if (command == "replay") return ringside::cli::replay_command(args, std::cout, std::cerr);
    if (command == "signin") return ringside::cli::signin_command(args, std::cout, std::cerr);
    if (command == "fleet")
        return ringside::cli::fleet_command(args, std::cout, std::cerr, isatty(STDOUT_FILENO) != 0);
    if (command == "report") {
        if (!args.empty() && args[0] == "merge")
            return ringside::reports::report_merge_command({args.begin() + 1, args.end()}, std::cout, std::cerr);
        std::cerr << "error: 'ringside report' has one subcommand: merge; " << see_help("report merge") << "\n";
        return 2;
    }
    if (command == "import") return ringside::cli::import_command(args, std::cout, std::cerr);
    if (command == "demo") return ringside::cli::demo_command(args, std::cout, std::cerr);
    std::cerr << "error: unknown command '" << command << "'; " << see_help("") << "\n";
    return 2;
}
