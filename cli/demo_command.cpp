#include "cli/demo_command.hpp"

#include "cli/command_help.hpp"
#include "cli/demo_headless.hpp"
#include "cli/demo_options.hpp"
#include "cli/demo_window.hpp"
#include "runner/run_options.hpp"

namespace ringside::cli {

int demo_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    DemoOptions options;
    try {
        options = parse_demo_options(args);
    } catch (const runner::UsageError& e) {
        err << "error: " << e.what() << "; " << see_help("demo") << "\n";
        return 2;
    }
    if (options.headless) return headless_demo(options, out, err);
    return run_demo_window(options, out, err);
}

} // namespace ringside::cli
