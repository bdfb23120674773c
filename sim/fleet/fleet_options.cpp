#include "sim/fleet/fleet_options.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "sim/issuer/issuer_flags.hpp"
#include "sim/text/wall_duration.hpp"

namespace ringside::sim {
namespace {

// A whole number in [lo, hi], or FleetUsage naming `option`.
long long whole(const std::string& option, const std::string& v, long long lo, long long hi, const std::string& what) {
    char* end = nullptr;
    errno = 0;
    const long long n = std::strtoll(v.c_str(), &end, 10);
    if (v.empty() || *end || errno == ERANGE || n < lo || n > hi)
        throw FleetUsage(option + ": expected " + what + ", got '" + v + "'");
    return n;
}

// A positive decimal number followed by one of `units` (name, factor); the bare number
// takes the first unit.
std::optional<double> with_unit(const std::string& v, const std::vector<std::pair<std::string, double>>& units) {
    char* end = nullptr;
    const double n = std::strtod(v.c_str(), &end);
    if (v.empty() || end == v.c_str() || !std::isfinite(n)) return std::nullopt;
    const std::string unit(end);
    if (unit.empty()) return n * units.front().second;
    for (const auto& [name, factor] : units)
        if (unit == name) return n * factor;
    return std::nullopt;
}

std::chrono::milliseconds parse_duration(const std::string& v) {
    const auto ms = text::wall_duration_ms(v);
    if (!ms || !(*ms >= 1) || *ms > kMaxFleetDuration.count())
        throw FleetUsage("--duration: expected a time from 1ms to 24h such as 30s, 500ms, 5m or 2h "
                         "(a bare number is seconds), got '" + v + "'");
    return std::chrono::milliseconds(static_cast<long long>(*ms));
}

double parse_ramp(const std::string& v) {
    const auto per_second = with_unit(v, {{"/s", 1}, {"/m", 1.0 / 60}});
    if (!per_second || !(*per_second > 0) || *per_second > kMaxFleetRamp)
        throw FleetUsage("--ramp: expected speakers started per second, more than 0 and at most 1000, "
                         "such as 10/s, 0.5/s or 30/m (a bare number is per second), got '" + v + "'");
    return *per_second;
}

} // namespace

FleetOptions parse_fleet_options(const std::vector<std::string>& args,
                                 const std::function<std::optional<std::string>(const char*)>& env) {
    FleetOptions o;
    IssuerFlags issuer;  // --issuer, --client-id, --scope, --ca: read as signin and demo read them
    bool have_speakers = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&]() -> const std::string& {
            if (i + 1 >= args.size()) throw FleetUsage(a + " needs a value");
            return args[++i];
        };
        // The issuer's flags are signin's and demo's too (sim/issuer/issuer_flags.hpp).
        const auto issuer_flag = [&] {
            try {
                return take_issuer_flag(args, i, issuer);
            } catch (const IssuerFlagError& e) {
                throw FleetUsage(e.what());
            }
        };
        if (issuer_flag()) {
            continue;
        } else if (a == "--speakers") {
            o.speakers = static_cast<int>(whole(a, value(), 1, kMaxFleetSpeakers, "a whole number from 1 to 10000"));
            have_speakers = true;
        } else if (a == "--ramp") {
            o.ramp_per_second = parse_ramp(value());
        } else if (a == "--duration") {
            o.duration = parse_duration(value());
        } else if (a == "--refreshes") {
            o.refreshes = static_cast<int>(whole(a, value(), 0, kMaxFleetRefreshes, "a whole number from 0 to 1000000"));
        } else if (a == "--workers") {
            o.workers = static_cast<int>(whole(a, value(), 1, kMaxFleetWorkers, "a whole number from 1 to 64"));
        } else if (a == "--seed") {
            const std::string& v = value();
            char* end = nullptr;
            errno = 0;
            const unsigned long long seed = std::strtoull(v.c_str(), &end, 10);
            if (v.empty() || *end || v[0] == '-' || errno == ERANGE)
                throw FleetUsage("--seed: expected a number from 0 to 2^64-1, got '" + v + "'");
            o.seed = seed;
        } else if (a == "--approve-as") {
            o.approve_email = value();
            if (o.approve_email.find(':') != std::string::npos)
                throw FleetUsage("--approve-as: expected an email alone; the password goes in the environment "
                                 "variable " + std::string(kApprovePasswordEnv) +
                                 ", never on the command line (ps shows it to everyone)");
            if (o.approve_email.find('@') == std::string::npos)
                throw FleetUsage("--approve-as: expected the email of an account at the verification page, got '" +
                                 o.approve_email + "'");
        } else if (a == "--shard") {
            // The same rules as `ringside run --shard` (runner/run_options.cpp).
            const std::string& v = value();
            const auto slash = v.find('/');
            if (slash == std::string::npos) throw FleetUsage("--shard: expected K/N, e.g. 1/4, got '" + v + "'");
            o.shard_count = static_cast<int>(whole(a, v.substr(slash + 1), 1, 10000, "K/N with N a whole number from 1 to 10000"));
            o.shard_index = static_cast<int>(whole(a, v.substr(0, slash), 1, o.shard_count,
                                                   "K/N with K a whole number from 1 to " + std::to_string(o.shard_count)));
        } else if (a == "--json") {
            o.json_file = value();
        } else {
            throw FleetUsage("unknown option '" + a + "' for 'ringside fleet'");
        }
    }
    if (issuer.issuer.empty()) throw FleetUsage("'ringside fleet' needs --issuer URL");
    o.issuer = issuer.issuer;
    o.client_id = issuer.client_id;
    o.scope = issuer.scope;
    o.ca_file = issuer.ca_file;
    if (!have_speakers) throw FleetUsage("'ringside fleet' needs --speakers N (1 to 10000)");
    if (!o.approve_email.empty()) {
        const auto password = env(kApprovePasswordEnv);
        if (!password || password->empty())
            throw FleetUsage("--approve-as needs the account's password in the environment variable " +
                             std::string(kApprovePasswordEnv));
        o.approve_password = *password;
    }
    // An empty shard would be a job that tests nothing and a merge that cannot tell it ran.
    if (o.shard_count > o.speakers)
        throw FleetUsage("--shard " + std::to_string(o.shard_index) + "/" + std::to_string(o.shard_count) + ": " +
                         std::to_string(o.speakers) + " speakers split into at most " + std::to_string(o.speakers) +
                         " shards (each shard needs a speaker)");
    const int mine = fleet_shard_range(o).size();
    if (o.workers == 0) o.workers = default_fleet_workers(mine);
    if (o.workers > mine) o.workers = mine;
    return o;
}

FleetRange fleet_shard_range(const FleetOptions& o) {
    const long long s = o.speakers, k = o.shard_index, n = o.shard_count;
    return FleetRange{static_cast<int>((k - 1) * s / n), static_cast<int>(k * s / n)};
}

int default_fleet_workers(int speakers) {
    const int wanted = (speakers + 24) / 25;
    return wanted < 1 ? 1 : wanted > 8 ? 8 : wanted;
}

} // namespace ringside::sim
