#include "cli/command_help.hpp"
#include "cli/hil_ping.hpp"

#include <cstdio>
#include <ostream>

#include "hil/host/board_link.hpp"
#include "hil/host/board_starts.hpp"
#include "hil/host/board_stats_query.hpp"
#include "hil/host/handshake.hpp"
#include "hil/host/link_error.hpp"
#include "hil/host/open_transport.hpp"
#include "hil/host/round_trips.hpp"

namespace ringside::cli {
namespace {


struct PingOptions {
    std::string port;
    int baud = 115200;
    int count = 20;
    int timeout_ms = 2000;
};

struct UsageError {
    std::string what;
};

int positive(const std::string& flag, const std::string& value, int max) {
    std::size_t used = 0;
    int n = 0;
    try {
        n = std::stoi(value, &used);
    } catch (...) {
        used = 0;
    }
    if (used != value.size() || n < 1 || n > max)
        throw UsageError{"bad " + flag + " '" + value + "': expected a whole number from 1 to " + std::to_string(max)};
    return n;
}

PingOptions parse(const std::vector<std::string>& args) {
    PingOptions o;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& flag = args[i];
        if (i + 1 >= args.size()) throw UsageError{"missing value after " + flag};
        const std::string& value = args[++i];
        if (flag == "--port") o.port = value;
        else if (flag == "--baud") o.baud = positive(flag, value, 20'000'000);
        else if (flag == "--count") o.count = positive(flag, value, 100'000);
        else if (flag == "--timeout") o.timeout_ms = positive(flag, value, 600'000);
        else throw UsageError{"unknown option '" + flag + "'"};
    }
    if (o.port.empty()) throw UsageError{"--port is required"};
    return o;
}

std::string ms(std::chrono::nanoseconds d) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f ms", static_cast<double>(d.count()) / 1e6);
    return text;
}

// Bit names as docs/hil_protocol.md writes them (HelloAck); unknown bits print as numbers.
std::string capability_names(std::uint32_t caps) {
    static const char* const names[] = {"lockstep", "audio", "http-tunnel", "configurable", "test-face", "board-stats"};
    std::string text;
    for (unsigned bit = 0; bit < 32; ++bit) {
        if (!(caps & (1u << bit))) continue;
        if (!text.empty()) text += ", ";
        text += bit < sizeof names / sizeof names[0] ? names[bit] : "bit " + std::to_string(bit);
    }
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%08x", static_cast<unsigned>(caps));
    return (text.empty() ? "none" : text) + " (" + hex + ")";
}

// A board built before HelloAck carried them leaves chip and build id empty.
std::string or_not_told(const std::string& text) { return text.empty() ? "(not told)" : text; }

// BoardStats as one line: what a bring-up engineer checks first (stack headroom, RAM, flash,
// heap use after start-up, lost UART bytes).
std::string stats_line(const hil::BoardStats& s) {
    return "stack " + std::to_string(s.stack_high_water) + " of " + std::to_string(s.stack_size) + " B used, static RAM " +
           std::to_string(s.static_ram) + " B, flash " + std::to_string(s.flash_used) + " B, heap allocations after init " +
           std::to_string(s.heap_allocations_after_init) + ", rx overruns " + std::to_string(s.rx_overruns) + ", up " +
           std::to_string(s.uptime_ms) + " ms";
}

} // namespace

int hil_ping(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    PingOptions options;
    try {
        options = parse(args);
    } catch (const UsageError& e) {
        err << "error: " << e.what << "; " << see_help("hil ping") << "\n";
        return 2;
    }
    try {
        hil::OpenOptions open;
        open.baud = options.baud;
        const hil::PortSpec spec = hil::parse_port_spec(options.port);
        // `emulator` and `qemu` are boards the harness starts: one for this ping, ended after.
        std::shared_ptr<hil::BoardProcess> started;
        if (const hil::BoardStarts::Start start = hil::BoardStarts::start_for(options.port)) started = start();
        hil::BoardLink link(started ? started->take_transport() : hil::open_transport(spec, open));
        hil::HandshakeOptions hello = started ? started->handshake_options() : hil::HandshakeOptions{};
        hello.timeout = std::chrono::milliseconds(options.timeout_ms);
        const hil::BoardIdentity board = hil::handshake(link, hello);
        out << "port      " << link.port() << "\n"
            << "board     " << board.board_id << ", firmware " << board.firmware_version << ", protocol "
            << int(board.protocol) << "\n"
            << "chip      " << or_not_told(board.chip) << ", build " << or_not_told(board.build_id) << "\n"
            << "features  " << capability_names(board.capabilities) << "\n";
        if (board.capabilities & hil::kCapBoardStats)
            out << "stats     " << stats_line(hil::query_board_stats(link, std::chrono::milliseconds(options.timeout_ms)))
                << "\n";
        const hil::RoundTrips trips =
            hil::measure_round_trips(link, options.count, std::chrono::milliseconds(options.timeout_ms));
        out << "ping      " << options.count << " Hello/HelloAck round trips: median " << ms(trips.median()) << ", p99 "
            << ms(trips.p99()) << " (min " << ms(trips.min()) << ", max " << ms(trips.max()) << ")\n";
        const std::string damage = link.damage();
        out << "link      " << (damage.empty() ? "clean" : damage) << "\n";
        return damage.empty() ? 0 : 1;
    } catch (const hil::LinkError& e) {
        err << "error: " << e.what() << "\n";
        return e.is_open_failure() ? 2 : 1;
    }
}

} // namespace ringside::cli
