#include "explore/fault_schedule.hpp"

#include <algorithm>
#include <tuple>

#include "cloud/service/cloud_types.hpp"
#include "sim/text/enum_names.hpp"
#include "common/prng.hpp"
#include "runner/duration.hpp"

namespace ringside::explore {
namespace {

using runner::format_duration;
using std::chrono::seconds;

// Uniform in [lo, hi].
long long between(common::Prng& rng, long long lo, long long hi) {
    return lo + static_cast<long long>(rng.below(static_cast<std::uint32_t>(hi - lo + 1)));
}

std::string pick_endpoint(common::Prng& rng) {
    static const char* const endpoints[] = {"token", "token", "token", "device_authorization", "metadata", "\"*\""};
    return endpoints[rng.below(6)];
}

std::string entry(Millis at, const std::string& step) { return "  - { at: " + format_duration(at) + ", " + step + " }\n"; }

std::string cloud_fault(const ScheduledFault& f, const std::string& what) {
    return "cloud.fault: { endpoint: " + f.endpoint + ", " + what + (f.count == 1 ? "" : ", count: " + std::to_string(f.count)) + " }";
}

} // namespace

const std::vector<std::string>& fault_kind_names() {
    static const std::vector<std::string> names{"drop",  "5xx",  "429",   "reset",     "delay",      "malformed", "slow_down",
                                                "loss",  "wifi", "power", "power_cut", "clock_jump", "outage",    "deny"};
    return names;
}

std::optional<FaultKind> parse_fault_kind(std::string_view name) {
    return text::parse_enum_name<FaultKind>(fault_kind_names(), name);
}

std::vector<FaultKind> all_fault_kinds() { return text::every_enum_value<FaultKind>(fault_kind_names()); }

bool ScheduledFault::operator==(const ScheduledFault& o) const {
    return std::tie(kind, at, span, count, value, endpoint, body) ==
           std::tie(o.kind, o.at, o.span, o.count, o.value, o.endpoint, o.body);
}

std::vector<ScheduledFault> draw_schedule(std::uint64_t seed, const std::vector<FaultKind>& kinds, Millis horizon) {
    common::Prng rng(seed);
    std::vector<ScheduledFault> faults;
    if (kinds.empty()) return faults;
    const int n = static_cast<int>(between(rng, 1, 4));
    for (int i = 0; i < n; ++i) {
        ScheduledFault f;
        f.kind = kinds[rng.below(static_cast<std::uint32_t>(kinds.size()))];
        // Whole 10 ms steps keep the written times short.
        f.at = Millis(between(rng, 0, std::max<long long>(0, horizon.count() / 10)) * 10);
        f.endpoint = pick_endpoint(rng);
        switch (f.kind) {
        case FaultKind::Drop: f.count = static_cast<int>(between(rng, 1, 3)); break;
        case FaultKind::ServerError:
            f.value = static_cast<int>(500 + between(rng, 0, 4));
            f.count = static_cast<int>(between(rng, 1, 6));
            break;
        case FaultKind::TooMany:
            f.value = static_cast<int>(between(rng, 1, 120));
            f.count = static_cast<int>(between(rng, 1, 3));
            break;
        case FaultKind::Reset: f.count = static_cast<int>(between(rng, 1, 3)); break;
        case FaultKind::Delay:
            f.span = seconds(between(rng, 1, 90));
            f.count = static_cast<int>(between(rng, 1, 3));
            break;
        case FaultKind::Malformed: {
            const auto& bodies = cloud::fault_body_kinds();
            f.endpoint = "token";
            f.body = bodies[rng.below(static_cast<std::uint32_t>(bodies.size()))];
            break;
        }
        case FaultKind::SlowDown:
            f.endpoint = "token";
            f.count = static_cast<int>(between(rng, 1, 4));
            break;
        case FaultKind::Loss: f.span = seconds(between(rng, 1, 180)); break;
        case FaultKind::Wifi: f.span = seconds(between(rng, 5, 600)); break;
        case FaultKind::Power: f.span = seconds(between(rng, 1, 300)); break;
        case FaultKind::PowerCut:
            f.value = static_cast<int>(between(rng, 0, 6));
            f.span = seconds(between(rng, 1, 120));
            break;
        case FaultKind::ClockJump:
            f.endpoint = "\"*\"";
            f.value = static_cast<int>(between(rng, -48, 48));
            f.count = static_cast<int>(between(rng, 1, 3));
            if (f.value == 0) f.value = 1;
            break;
        case FaultKind::Outage:
            f.endpoint = "\"*\"";
            f.span = seconds(between(rng, 60, 1800));
            break;
        case FaultKind::Deny: break;
        }
        if (f.kind == FaultKind::Power || f.kind == FaultKind::Loss || f.kind == FaultKind::Wifi ||
            f.kind == FaultKind::Deny || f.kind == FaultKind::PowerCut || f.kind == FaultKind::Outage)
            f.count = 1;
        if (f.kind == FaultKind::Power || f.kind == FaultKind::Loss || f.kind == FaultKind::Wifi ||
            f.kind == FaultKind::Deny || f.kind == FaultKind::PowerCut)
            f.endpoint.clear();
        faults.push_back(f);
    }
    std::stable_sort(faults.begin(), faults.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
    return faults;
}

std::string schedule_yaml(const std::vector<ScheduledFault>& faults) {
    std::string out;
    for (const ScheduledFault& f : faults) {
        switch (f.kind) {
        case FaultKind::Drop: out += entry(f.at, cloud_fault(f, "drop: true")); break;
        case FaultKind::ServerError: out += entry(f.at, cloud_fault(f, "status: " + std::to_string(f.value))); break;
        case FaultKind::TooMany:
            out += entry(f.at, cloud_fault(f, "status: 429, retry_after: " + std::to_string(f.value) + "s"));
            break;
        case FaultKind::Reset: out += entry(f.at, cloud_fault(f, "break: reset")); break;
        case FaultKind::Delay: out += entry(f.at, cloud_fault(f, "delay: " + format_duration(f.span))); break;
        case FaultKind::Malformed: out += entry(f.at, cloud_fault(f, "body: " + f.body)); break;
        case FaultKind::SlowDown: out += entry(f.at, cloud_fault(f, "grant: device_code, error: slow_down")); break;
        case FaultKind::Loss:
            out += entry(f.at, "network: { down: true }");
            out += entry(f.at + f.span, "network: { up: true }");
            break;
        case FaultKind::Wifi:
            out += entry(f.at, "wifi: lost");
            out += entry(f.at + f.span, "wifi: back");
            break;
        case FaultKind::Power:
            out += entry(f.at, "power_off: ");
            out += entry(f.at + f.span, "power_on: ");
            break;
        case FaultKind::PowerCut:
            out += entry(f.at, "flash.cut_power: { after_ops: " + std::to_string(f.value) + " }");
            out += entry(f.at + f.span, "power_off: ");
            out += entry(f.at + f.span + Millis(1000), "power_on: ");
            break;
        case FaultKind::ClockJump:
            out += entry(f.at, cloud_fault(f, std::string("date_skew: ") + (f.value < 0 ? "-" : "+") +
                                                  std::to_string(std::abs(f.value)) + "h"));
            break;
        case FaultKind::Outage:
            out += entry(f.at, cloud_fault(f, "status: 503, count: 0, for: " + format_duration(f.span)));
            break;
        case FaultKind::Deny: out += entry(f.at, "user.deny: "); break;
        }
    }
    return out;
}

bool needs_virtual_flash(const std::vector<ScheduledFault>& faults) {
    return std::any_of(faults.begin(), faults.end(), [](const auto& f) { return f.kind == FaultKind::PowerCut; });
}

std::vector<ScheduledFault> simpler(const ScheduledFault& fault) {
    std::vector<ScheduledFault> out;
    const auto with = [&](auto change) {
        ScheduledFault f = fault;
        change(f);
        if (!(f == fault)) out.push_back(f);
    };
    with([](ScheduledFault& f) { f.at = Millis(0); });
    with([](ScheduledFault& f) { f.at = Millis(f.at.count() / 20 * 10); });  // halfway, on 10 ms
    with([](ScheduledFault& f) { f.count = 1; });
    if (fault.span > Millis(1000)) with([](ScheduledFault& f) { f.span = Millis(f.span.count() / 2000 * 1000); });
    if (fault.kind == FaultKind::TooMany && fault.value > 1) with([](ScheduledFault& f) { f.value = (f.value + 1) / 2; });
    if (fault.kind == FaultKind::ClockJump && std::abs(fault.value) > 1) with([](ScheduledFault& f) { f.value /= 2; });
    if (fault.kind == FaultKind::PowerCut && fault.value > 0) with([](ScheduledFault& f) { f.value = 0; });
    if (!fault.endpoint.empty() && fault.endpoint != "token" && fault.kind != FaultKind::Outage &&
        fault.kind != FaultKind::ClockJump)
        with([](ScheduledFault& f) { f.endpoint = "token"; });
    return out;
}

} // namespace ringside::explore
