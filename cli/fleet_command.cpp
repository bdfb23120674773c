#include "cli/fleet_command.hpp"

#include "cli/command_help.hpp"

#include <csignal>
#include <cstdlib>
#include <ctime>
#include <atomic>
#include <fstream>
#include <optional>
#include <ostream>
#include <thread>

#include "sim/fleet/fleet_report.hpp"
#include "sim/fleet/fleet_run.hpp"

namespace ringside::cli {
namespace {

// SIGINT and SIGTERM are blocked in every thread of the run and taken here, so a signal
// never interrupts a worker's socket call (which would read as a broken exchange) and the
// run ends the way it ends at --duration, summary and all.
class StopSignals {
public:
    explicit StopSignals(std::atomic<bool>& interrupted) {
        sigemptyset(&set_);
        sigaddset(&set_, SIGINT);
        sigaddset(&set_, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &set_, &previous_);
        watcher_ = std::thread([this, &interrupted] {
            const timespec wait{0, 100'000'000};
            while (!done_.load())
                if (sigtimedwait(&set_, nullptr, &wait) > 0) interrupted = true;
        });
    }
    ~StopSignals() {
        done_ = true;
        watcher_.join();
        pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
    }

private:
    sigset_t set_{}, previous_{};
    std::atomic<bool> done_{false};
    std::thread watcher_;
};

std::optional<std::string> environment(const char* name) {
    const char* v = std::getenv(name);
    return v ? std::optional<std::string>(v) : std::nullopt;
}

} // namespace

int fleet_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, bool out_is_terminal) {
    sim::FleetOptions options;
    std::ofstream json;
    try {
        options = sim::parse_fleet_options(args, environment);
    } catch (const sim::FleetUsage& e) {
        err << "error: " << e.what() << "; " << see_help("fleet") << "\n";
        return 2;
    }
    if (!options.json_file.empty()) {
        // Opened before the run: a path that cannot be written is bad input, found at once
        // rather than after minutes of load.
        json.open(options.json_file, std::ios::binary | std::ios::trunc);
        if (!json) {
            err << "error: --json: cannot write " << options.json_file << "\n";
            return 2;
        }
    }

    out << sim::fleet_banner(options) << std::flush;
    std::atomic<bool> interrupted{false};
    sim::FleetSummary summary;
    {
        StopSignals signals(interrupted);
        const auto every = out_is_terminal ? std::chrono::milliseconds(500) : std::chrono::milliseconds(5000);
        summary = sim::run_fleet(options, interrupted, every, [&](const sim::FleetLive& live) {
            const std::string line = sim::fleet_progress_line(live, options);
            if (out_is_terminal) out << "\r" << line << "\x1b[K" << std::flush;
            else out << line << "\n" << std::flush;
        });
    }
    if (out_is_terminal) out << "\r\x1b[K";
    out << sim::fleet_summary_text(summary) << std::flush;
    if (json.is_open()) {
        json << sim::fleet_summary_json(summary) << "\n";
        json.close();
        if (!json) {
            err << "error: --json: writing " << options.json_file << " failed\n";
            return 2;
        }
        out << "summary written to " << options.json_file << "\n";
    }
    return summary.all_linked() && summary.failure.empty() ? 0 : 1;
}

} // namespace ringside::cli
