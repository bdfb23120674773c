#include "cli/demo_options.hpp"

#include <cmath>
#include <cstdlib>

#include "runner/run_options.hpp"

namespace ringside::cli {
namespace {

using runner::UsageError;

double parse_real(const std::string& flag, const std::string& text, double min, double max, const char* what) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !std::isfinite(v) || v < min || v > max)
        throw UsageError(flag + " " + text + ": expected " + what);
    return v;
}

} // namespace

DemoOptions parse_demo_options(const std::vector<std::string>& args) {
    DemoOptions o;
    std::string for_issuer;  // a --client-id, --scope or --ca seen: they need --issuer
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> const std::string& {
            if (i + 1 >= args.size()) throw UsageError(a + " needs a value");
            return args[++i];
        };
        bool issuer_flag = false;
        try {
            issuer_flag = sim::take_issuer_flag(args, i, o.issuer);
        } catch (const sim::IssuerFlagError& e) {
            throw UsageError(e.what());
        }
        if (issuer_flag) {
            if (a != "--issuer") for_issuer = a;
            continue;
        }
        if (a == "--speed") {
            o.speed = parse_real(a, value(), kMinSpeed, kMaxSpeed,
                                 "virtual seconds per second, a number from 0.001 to 1000000 (e.g. 1, 10, 100)");
        } else if (a == "--headless") {
            o.headless = true;
        } else if (a == "--out") {
            o.out_dir = value();
            if (o.out_dir.empty()) throw UsageError("--out needs a folder");
        } else if (a == "--seed") {
            o.seed = static_cast<std::uint64_t>(runner::parse_number(a, value(), 0, 1LL << 53));
        } else if (a == "--fps") {
            o.fps = static_cast<int>(runner::parse_number(a, value(), 1, kMaxFps));
        } else if (a == "--exit-after") {
            o.exit_after_s = parse_real(a, value(), 0, 1e6, "wall seconds, a number from 0 (never) to 1000000");
        } else if (a == "--max-frames") {
            o.max_frames = static_cast<int>(runner::parse_number(a, value(), 1, kMaxFramesLimit));
        } else if (!a.empty() && a[0] == '-') {
            throw UsageError("unknown option '" + a + "'; see 'ringside demo --help'");
        } else if (!o.scenario.empty()) {
            throw UsageError("one scenario at a time: got '" + o.scenario + "' and '" + a + "'");
        } else {
            o.scenario = a;
        }
    }
    if (o.headless && o.out_dir.empty()) throw UsageError("--headless needs --out DIR: the folder for the frames");
    if (!o.headless && !o.out_dir.empty()) throw UsageError("--out goes with --headless");
    if (!o.headless && o.max_frames) throw UsageError("--max-frames goes with --headless");
    if (o.headless && o.scenario.empty()) throw UsageError("--headless needs a SCENARIO file to play");
    // The demo's own cloud knows its speaker's client and scope; only a real server needs them.
    if (!for_issuer.empty() && o.issuer.issuer.empty())
        throw UsageError(for_issuer + " goes with --issuer URL: the demo's own cloud has its speaker's client and scope");
    if (o.headless && !o.issuer.issuer.empty())
        throw UsageError("--issuer is for the window; --headless plays its scenario against the in-process cloud");
    if (o.headless && o.exit_after_s > 0) throw UsageError("--exit-after is for the window; --headless ends with its scenario");
    return o;
}

} // namespace ringside::cli
