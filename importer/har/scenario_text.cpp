#include "importer/har/scenario_text.hpp"

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <sstream>

#include "runner/duration.hpp"

namespace ringside::importer {
namespace {

using std::chrono::milliseconds;

constexpr std::int64_t kFactoryResetHoldMs = 25'000;  // DESIGN.md §1: holding Action 25 s

std::string quoted(const std::string& text) {
    return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string duration(std::int64_t ms) { return runner::format_duration(milliseconds(std::max<std::int64_t>(ms, 0))); }

std::string signed_seconds(std::int64_t s) { return (s < 0 ? "-" : "+") + duration(std::llabs(s) * 1000); }

std::string fault_line(const PlannedFault& f) {
    std::ostringstream o;
    o << "{ endpoint: " << f.kind.endpoint;
    if (!f.kind.grant.empty()) o << ", grant: " << f.kind.grant;
    o << ", after: " << f.after << ", count: 1";
    if (f.reset) o << ", break: reset";
    if (f.status) o << ", status: " << *f.status;
    if (f.raw_body) o << ", raw_body: " << quoted(*f.raw_body);
    if (f.content_type) o << ", content_type: " << quoted(*f.content_type);
    if (f.retry_after_s) o << ", retry_after: " << duration(*f.retry_after_s * 1000);
    if (f.delay_ms > 0) o << ", delay: " << duration(f.delay_ms);
    if (f.date_skew_s) o << ", date_skew: \"" << signed_seconds(*f.date_skew_s) << "\"";
    if (!f.omit.empty()) {
        o << ", omit: [";
        for (std::size_t i = 0; i < f.omit.size(); ++i) o << (i ? ", " : "") << f.omit[i];
        o << "]";
    }
    if (!f.set.empty()) {
        o << ", set: { ";
        for (std::size_t i = 0; i < f.set.size(); ++i) o << (i ? ", " : "") << quoted(f.set[i].first) << ": " << f.set[i].second;
        o << " }";
    }
    o << " }";
    return o.str();
}

} // namespace

std::string scenario_text(const ScenarioPlan& plan) {
    std::ostringstream o;
    o << "# Made by `ringside import har " << plan.capture_name << "`: " << plan.exchanges.size()
      << " device-side exchanges of the capture's " << plan.entries << " entries.\n"
      << "# The cloud answers them in order, one fault each (its own codes and tokens stand in for\n"
      << "# the captured ones, which were left out); after the capture's last exchange it answers\n"
      << "# as itself. Timing: each answer held as long as the capture's server took (delay).\n"
      << "name: " << quoted("capture " + plan.capture_name + " replayed") << "\n"
      << "seed: 1\n"
      << "tags: [imported]\n";
    if (plan.lwa) o << "cloud: { dialect: lwa }\n";
    o << "wifi: [{ ssid: Home, password: capture-wifi }]\n"
      << "steps:\n";
    for (const PlannedFault& f : plan.exchanges) {
        o << "  # entry " << f.entry << " at +" << duration(f.at_ms) << ": " << f.what
          << (f.empty() ? " (the cloud's own answer)" : "") << "\n";
        if (!f.empty()) o << "  - cloud.fault: " << fault_line(f) << "\n";
    }
    // The app finds the speaker once it is in setup mode.
    o << "  - power_on\n"
      << "  - expect_state: { device: setup, within: 30s }\n"
      << "  - app.provision: { wifi: Home, account: demo }\n";
    // Capture time the steps so far stand for, roughly: the approval comes as the code shows,
    // seconds in, whenever the capture's approving poll was.
    std::int64_t played_ms = 0;
    if (plan.approve) {
        // Polls before the approving one are answered by faults, so approving as soon as the
        // code shows changes none of them; the approval only has to be for the right code.
        const std::string within = duration(2 * plan.approve_at_ms + 120'000);
        if (plan.approve_after_code_pairs > 1)
            o << "  - expect_requests: { endpoint: device_authorization, at_least: " << plan.approve_after_code_pairs
              << ", within: " << within << " }\n";
        o << "  - user.approve: { account: demo, within: " << within << " }\n";
    }
    if (plan.revoke_at_ms) {
        // The speaker revokes its grant when it is factory-reset.
        o << "  - advance: " << duration(std::max<std::int64_t>(*plan.revoke_at_ms - kFactoryResetHoldMs - played_ms, 1000))
          << "\n"
          << "  - hold: { button: action, for: " << duration(kFactoryResetHoldMs) << " }\n";
        played_ms = *plan.revoke_at_ms;
    }
    // Slack for a firmware slower than the captured client: the last captured answers must
    // still be asked for.
    const std::int64_t rest = std::max<std::int64_t>(plan.span_ms - played_ms, 0);
    o << "  - advance: " << duration(rest + std::max<std::int64_t>(60'000, plan.span_ms / 2)) << "\n";
    return o.str();
}

} // namespace ringside::importer
