#include "runner/run_options.hpp"

#include "runner/duration.hpp"

#include <cstdlib>

namespace ringside::runner {

long long parse_number(const std::string& flag, const std::string& text, long long min, long long max) {
    char* end = nullptr;
    const long long v = std::strtoll(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || v < min || v > max)
        throw UsageError(flag + ": expected a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                         ", got '" + text + "'");
    return v;
}

RunOptions parse_run_options(const std::vector<std::string>& args, const std::string& program) {
    RunOptions o;
    o.program = program;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> const std::string& {
            if (i + 1 >= args.size()) throw UsageError(a + " needs a value");
            return args[++i];
        };
        if (a == "--seed") {
            o.seed = static_cast<std::uint64_t>(parse_number(a, value(), 0, 1LL << 53));
        } else if (a == "--junit") {
            o.junit_file = value();
        } else if (a == "--html") {
            o.html_file = value();
        } else if (a == "--json") {
            o.json_file = value();
        } else if (a == "--trace") {
            o.trace_dir = value();
        } else if (a == "--tag") {
            o.tags.push_back(value());
        } else if (a == "--skip-tag") {
            o.skip_tags.push_back(value());
        } else if (a == "-j" || a == "--jobs") {
            o.jobs = static_cast<int>(parse_number(a, value(), 1, 256));
        } else if (a.rfind("-j", 0) == 0 && a.size() > 2 && a[2] != '-') {
            o.jobs = static_cast<int>(parse_number("-j", a.substr(2), 1, 256));  // -j4, as make takes it
        } else if (a == "--shard") {
            const std::string& v = value();
            const auto slash = v.find('/');
            if (slash == std::string::npos) throw UsageError("--shard: expected K/N, e.g. 1/4, got '" + v + "'");
            o.shard_count = static_cast<int>(parse_number(a, v.substr(slash + 1), 1, 10000));
            o.shard_index = static_cast<int>(parse_number(a, v.substr(0, slash), 1, o.shard_count));
        } else if (a == "--target") {
            const std::string& v = value();
            if (v != "sim" && v != "hil") throw UsageError("--target " + v + ": expected sim or hil");
            o.target = v == "hil" ? RunOptions::Target::Hil : RunOptions::Target::Sim;
        } else if (a == "--cloud") {
            const std::string& v = value();
            if (v == "inproc") o.cloud_url.clear();
            else if (v.rfind("http://", 0) == 0 || v.rfind("https://", 0) == 0) o.cloud_url = v;
            else throw UsageError("--cloud " + v + ": expected inproc or the URL of a ringside cloud, e.g. http://127.0.0.1:8080");
        } else if (a == "--cloud-ca") {
            o.cloud_ca = value();
        } else if (a == "--port") {
            o.port = value();
        } else if (a == "--baud") {
            o.baud = static_cast<int>(parse_number(a, value(), 300, 4000000));
        } else if (a == "--board-timeout") {
            const std::string& v = value();
            const auto d = parse_duration(v);
            if (!d || *d < std::chrono::milliseconds(100) || *d > std::chrono::hours(1))
                throw UsageError("--board-timeout: expected a duration from 100ms to 1h, e.g. 30s, got '" + v + "'");
            o.board_timeout = *d;
        } else if (!a.empty() && a[0] == '-') {
            throw UsageError("unknown option '" + a + "'");
        } else {
            o.paths.push_back(a);
        }
    }
    if (o.paths.empty()) o.paths.push_back("scenarios");
    if (o.target == RunOptions::Target::Hil && o.port.empty())
        throw UsageError("--target hil needs --port: a serial port, a USB serial number, tcp:HOST:PORT, emulator or qemu");
    if (o.target == RunOptions::Target::Sim && !o.port.empty()) throw UsageError("--port goes with --target hil");
    if (o.target == RunOptions::Target::Sim && o.board_timeout) throw UsageError("--board-timeout goes with --target hil");
    // One board, one scenario at a time; every world gets an emulator or a QEMU of its own.
    if (o.target == RunOptions::Target::Hil && o.port != "emulator" && o.port != "qemu") o.jobs = 1;
    if (!o.cloud_ca.empty() && o.cloud_url.rfind("https://", 0) != 0)
        throw UsageError("--cloud-ca goes with an https:// --cloud URL");
    if (!o.cloud_url.empty()) {
        const char* token = std::getenv("RINGSIDE_CLOUD_TOKEN");
        if (!token || !*token)
            throw UsageError("--cloud " + o.cloud_url + " needs the cloud's admin token in RINGSIDE_CLOUD_TOKEN (ringside cloud prints it at start)");
        o.cloud_token = token;
    }
    return o;
}

} // namespace ringside::runner
