#include "cli/demo_options.hpp"

#include <cstdlib>

#include "runner/run_options.hpp"

namespace ringside::cli {
namespace {

using runner::UsageError;

double positive_number(const std::string& option, const std::string& v, bool zero_ok) {
    char* end = nullptr;
    const double x = std::strtod(v.c_str(), &end);
    if (v.empty() || *end || !(zero_ok ? x >= 0 : x > 0) || x > 1e9)
        throw UsageError(option + " " + v + ": expected a number " + (zero_ok ? ">= 0" : "> 0"));
    return x;
}

} // namespace

DemoOptions parse_demo_options(const std::vector<std::string>& args) {
    DemoOptions o;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const auto value = [&]() -> const std::string& {
            if (i + 1 >= args.size()) throw UsageError(a + " needs a value");
            return args[++i];
        };
        if (a == "--speed") {
            o.speed = positive_number(a, value(), false);
        } else if (a == "--headless") {
            o.headless = true;
        } else if (a == "--out") {
            o.out_dir = value();
        } else if (a == "--issuer") {
            o.issuer = value();
            if (o.issuer.rfind("http://", 0) != 0 && o.issuer.rfind("https://", 0) != 0)
                throw UsageError("--issuer " + o.issuer + ": expected an http:// or https:// URL");
        } else if (a == "--seed") {
            const std::string& v = value();
            char* end = nullptr;
            const unsigned long long seed = std::strtoull(v.c_str(), &end, 10);
            if (v.empty() || *end || v[0] == '-') throw UsageError("--seed " + v + ": expected a whole number >= 0");
            o.seed = seed;
        } else if (a == "--fps") {
            const double fps = positive_number(a, value(), false);
            if (fps != static_cast<int>(fps) || fps > 240) throw UsageError("--fps: expected a whole number from 1 to 240");
            o.fps = static_cast<int>(fps);
        } else if (a == "--exit-after") {
            o.exit_after_s = positive_number(a, value(), true);
        } else if (!a.empty() && a[0] == '-') {
            throw UsageError("unknown option '" + a + "' for 'ringside demo'");
        } else if (o.scenario.empty()) {
            o.scenario = a;
        } else {
            throw UsageError("'ringside demo' plays one scenario; got '" + o.scenario + "' and '" + a + "'");
        }
    }
    if (o.headless && o.out_dir.empty()) throw UsageError("--headless needs --out DIR");
    if (!o.headless && !o.out_dir.empty()) throw UsageError("--out goes with --headless");
    return o;
}

} // namespace ringside::cli
