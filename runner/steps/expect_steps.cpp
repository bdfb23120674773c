// Expectations on what the speaker shows: device state, auth state, ring pattern. Each
// waits in virtual time and stops the moment it is decided.
#include <cctype>

#include "runner/condition.hpp"
#include "runner/steps/steps.hpp"

namespace ringside::runner {
namespace {

template <typename Enum>
Enum parse_name(const ScenarioNode& node, const std::vector<std::string>& names) {
    Enum value{};
    const std::string s = node.str();
    if (!fw::parse(s, value)) node.fail("unknown " + node.context() + " '" + s + "'; expected one of: " + join(names));
    return value;
}

const std::vector<std::string> kDeviceStates{"off", "booting", "setup", "joining_wifi", "authorizing", "linked", "error"};
const std::vector<std::string> kAuthStates{"unlinked", "discovering", "requesting_code", "awaiting_approval",
                                           "linked", "expired", "failed"};
const std::vector<std::string> kRingPatterns{"off", "booting", "setup", "authorizing", "listening",
                                             "thinking", "speaking", "mic_off", "error", "wifi_error", "signed_out"};

std::string lowercase(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

fw::RingPattern parse_ring(const ScenarioNode& node) { return parse_name<fw::RingPattern>(node, kRingPatterns); }

// Reads the device/auth/ring keys; fails unless at least one is given.
Condition read_condition(ScenarioNode& a, const std::string& step) {
    Condition c;
    if (auto n = a.get("device")) c.device = parse_name<fw::DeviceState>(*n, kDeviceStates);
    if (auto n = a.get("auth")) c.auth = parse_name<fw::AuthState>(*n, kAuthStates);
    if (auto n = a.get("ring")) c.ring = parse_ring(*n);
    if (!c.device && !c.auth && !c.ring) a.fail(step + " needs at least one of: device, auth, ring");
    return c;
}

StepPlay eventually(Condition c, Millis within) {
    return [c, within](sim::VirtualSpeaker& w) -> std::string {
        if (w.run_until(w.now() + within, [&] { return holds(c, w); })) return {};
        return "expected " + describe(c) + " within " + format_duration(within) + "; " + describe_now(w);
    };
}

} // namespace

void add_expect_steps(StepCatalog& catalog) {
    catalog["expect_state"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        const Condition c = read_condition(a, "expect_state");
        auto within = a.get("within");
        a.done();
        return eventually(c, within ? within->duration() : Millis(0));
    };
    // expect_ring: setup | { pattern: setup, within: 5s }
    catalog["expect_ring"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        Condition c;
        Millis within{0};
        if (a.is_scalar()) {
            c.ring = parse_ring(a);
        } else {
            c.ring = parse_ring(a.require("pattern"));
            if (auto n = a.get("within")) within = n->duration();
            a.done();
        }
        return eventually(c, within);
    };
    catalog["expect_never"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        const Condition c = read_condition(a, "expect_never");
        const Millis during = a.require("during").duration();
        a.done();
        return [c, during](sim::VirtualSpeaker& w) -> std::string {
            const Millis start = w.now();
            if (!w.run_until(start + during, [&] { return holds(c, w); })) return {};
            return describe(c) + " held " + format_duration(w.now() - start) + " into a span of " +
                   format_duration(during) + " where it must never hold";
        };
    };
    // expect_speech: { contains: "signed in", within: 10s }: a sentence the device starts
    // saying from now on contains the text (case-insensitive).
    catalog["expect_speech"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        const std::string wanted = lowercase(a.require("contains").str());
        auto within_node = a.get("within");
        const Millis within = within_node ? within_node->duration() : Millis(0);
        a.done();
        return [wanted, within](sim::VirtualSpeaker& w) -> std::string {
            std::size_t seen = w.spoken().size();
            // A sentence started at this very instant counts too.
            while (seen > 0 && w.spoken()[seen - 1].at == w.now()) --seen;
            const auto said = [&] {
                for (; seen < w.spoken().size(); ++seen)
                    if (lowercase(w.spoken()[seen].text).find(wanted) != std::string::npos) return true;
                return false;
            };
            if (w.run_until(w.now() + within, said)) return {};
            const std::string last = w.spoken().empty() ? "nothing yet" : "\"" + w.spoken().back().text + "\"";
            return "expected the device to say \"" + wanted + "\" within " + format_duration(within) + "; last said: " + last;
        };
    };
}

} // namespace ringside::runner
