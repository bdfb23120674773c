// Expectations on what the speaker shows and does: device state, auth state, ring pattern,
// what it says, its trace; one of several outcomes; never-during spans; named marks. Each
// waits in virtual time and stops the moment it is decided.
#include "runner/condition.hpp"
#include "runner/steps/steps.hpp"
#include "runner/watch.hpp"

namespace ringside::runner {
namespace {

template <typename Enum>
Enum parse_name(const ScenarioNode& node, const std::vector<std::string>& names) {
    Enum value{};
    const std::string s = node.str();
    if (!fw::parse(s, value)) node.fail("unknown " + node.context() + " '" + s + "'; expected one of: " + join(names));
    return value;
}

// Every name fw::to_string gives, in order: the firmware's tables are the one list.
template <typename Enum>
std::vector<std::string> names_of() {
    std::vector<std::string> out;
    for (int i = 0; fw::to_string(static_cast<Enum>(i)) != "unknown"; ++i) out.emplace_back(fw::to_string(static_cast<Enum>(i)));
    return out;
}

const std::vector<std::string> kDeviceStates = names_of<fw::DeviceState>();
const std::vector<std::string> kAuthStates = names_of<fw::AuthState>();
const std::vector<std::string> kRingPatterns = names_of<fw::RingPattern>();

fw::RingPattern parse_ring(const ScenarioNode& node) { return parse_name<fw::RingPattern>(node, kRingPatterns); }

} // namespace

Condition read_condition(ScenarioNode& a, const std::string& step) {
    Condition c;
    if (auto n = a.get("device")) c.device = parse_name<fw::DeviceState>(*n, kDeviceStates);
    if (auto n = a.get("auth")) c.auth = parse_name<fw::AuthState>(*n, kAuthStates);
    if (auto n = a.get("ring")) c.ring = parse_ring(*n);
    if (!c.device && !c.auth && !c.ring) a.fail(step + " needs at least one of: device, auth, ring");
    return c;
}

namespace {

StepPlay eventually(Condition c, Millis within) {
    return [c, within](sim::VirtualSpeaker& w) -> std::string {
        if (w.run_until(w.now() + within, [&] { return holds(c, w); })) return {};
        return "expected " + describe(c) + " within " + format_duration(within) + "; " + describe_now(w);
    };
}

Millis optional_within(ScenarioNode& a) {
    auto n = a.get("within");
    return n ? n->duration() : Millis(0);
}

// The outcomes a map names (expect_never's and each expect_any alternative's): device/auth/
// ring facts, `said: TEXT` (`said: any`: any sentence), `trace: TEXT`, and, for expect_any,
// `requests: { endpoint: ..., at_least: N }`. Fails unless it names at least one.
std::vector<WatchFactory> read_outcomes(ScenarioNode& a, const std::string& step, bool requests_allowed) {
    std::vector<WatchFactory> out;
    Condition c;
    if (auto n = a.get("device")) c.device = parse_name<fw::DeviceState>(*n, kDeviceStates);
    if (auto n = a.get("auth")) c.auth = parse_name<fw::AuthState>(*n, kAuthStates);
    if (auto n = a.get("ring")) c.ring = parse_ring(*n);
    if (c.device || c.auth || c.ring) out.push_back(watch_condition(c));
    if (auto n = a.get("said")) {
        const std::string text = n->str();
        if (text.empty()) n->fail("said: expected the text said, or 'any' for any sentence");
        out.push_back(watch_speech(text == "any" ? std::string() : text));
    }
    if (auto n = a.get("trace")) {
        const std::string text = n->str();
        if (text.empty()) n->fail("trace: expected the text a trace record contains");
        out.push_back(watch_trace(text));
    }
    if (!requests_allowed && a.has("requests"))
        a.fail(step + " cannot count requests: write expect_requests with 'at_most' and 'within' instead");
    if (requests_allowed) {
        if (auto n = a.get("requests")) {
            const RequestFilter f = read_request_filter(*n);
            const int count = static_cast<int>(n->require("at_least").integer(1, 1000000));
            n->done();
            out.push_back(watch_requests(f, count));
        }
    }
    if (out.empty())
        a.fail(step + " needs at least one of: device, auth, ring, said, trace" + (requests_allowed ? ", requests" : ""));
    return out;
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
    // expect_never: { ring: error, during: 24h } — nor `said: TEXT|any`, nor `trace: TEXT`:
    // none of the outcomes named may happen during the span.
    catalog["expect_never"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        const std::vector<WatchFactory> outcomes = read_outcomes(a, "expect_never", false);
        const Millis during = a.require("during").duration();
        a.done();
        return [outcomes, during](sim::VirtualSpeaker& w) -> std::string {
            std::vector<Watch> watches;
            for (const WatchFactory& make : outcomes) watches.push_back(make(w));
            const Watch* seen = nullptr;
            const Millis start = w.now();
            const auto any = [&] {
                for (const Watch& watch : watches)
                    if (watch.happened()) return seen = &watch, true;
                return false;
            };
            if (!w.run_until(start + during, any)) return {};
            return seen->what + " " + format_duration(w.now() - start) + " into a span of " + format_duration(during) +
                   " where it must never happen";
        };
    };
    // expect_speech: { contains: "signed in", within: 10s }: a sentence the device starts
    // saying from now on contains the text (case-insensitive).
    catalog["expect_speech"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        const WatchFactory said = watch_speech(a.require("contains").str());
        const Millis within = optional_within(a);
        a.done();
        return [said, within](sim::VirtualSpeaker& w) -> std::string {
            const Watch watch = said(w);
            if (w.run_until(w.now() + within, watch.happened)) return {};
            const std::string last = w.spoken().empty() ? "nothing yet" : "\"" + w.spoken().back().text + "\"";
            return "expected " + watch.what + " within " + format_duration(within) + "; last said: " + last;
        };
    };
    // expect_trace: { contains: "token answer refused", within: 5s }: a trace record from now on
    // contains the text ("category event detail", case-insensitive).
    catalog["expect_trace"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        const WatchFactory traced = watch_trace(a.require("contains").str());
        const Millis within = optional_within(a);
        a.done();
        return [traced, within](sim::VirtualSpeaker& w) -> std::string {
            const Watch watch = traced(w);
            if (w.run_until(w.now() + within, watch.happened)) return {};
            return "expected " + watch.what + " within " + format_duration(within) + "; the last records: " + recent_trace(w);
        };
    };
    // expect_any: { within: 2m, of: [ {auth: linked}, {said: "denied"}, {trace: "refused"},
    // {requests: {endpoint: token, error: access_denied, at_least: 1}} ] }: one of the
    // outcomes happens by the deadline (whichever comes first).
    catalog["expect_any"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        std::vector<WatchFactory> alternatives;
        const ScenarioNode of = a.require("of");
        if (!of.is_sequence()) of.fail("expect_any.of: expected a list of outcomes, e.g. [{auth: linked}, {said: denied}]");
        for (ScenarioNode alternative : of.items()) {
            if (!alternative.is_map()) alternative.fail("expected an outcome such as {auth: linked} or {said: denied}");
            for (WatchFactory& w : read_outcomes(alternative, "an expect_any outcome", true)) alternatives.push_back(w);
            alternative.done();
        }
        if (alternatives.size() < 2) of.fail("expect_any needs at least two outcomes (one is expect_state or its kin)");
        const Millis within = a.require("within").duration();
        a.done();
        return [alternatives, within](sim::VirtualSpeaker& w) -> std::string {
            std::vector<Watch> watches;
            for (const WatchFactory& make : alternatives) watches.push_back(make(w));
            const auto any = [&] {
                for (const Watch& watch : watches)
                    if (watch.happened()) return true;
                return false;
            };
            if (w.run_until(w.now() + within, any)) return {};
            std::string all;
            for (const Watch& watch : watches) all += (all.empty() ? "" : ", or ") + watch.what;
            return "expected one of: " + all + ", within " + format_duration(within) + "; " + describe_now(w);
        };
    };
    // mark: NAME — remembers this moment, for counts `since: NAME`.
    catalog["mark"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        if (!a.is_scalar()) a.fail("mark: expected a name, e.g. 'mark: after_sign_in'");
        const std::string name = a.str();
        if (name.empty() || name == "start" || name == "step")
            a.fail("mark: expected a name other than 'start' and 'step' (those count from the start and from a step)");
        return [name](sim::VirtualSpeaker& w) -> std::string {
            w.set_mark(name);
            return {};
        };
    };
}

} // namespace ringside::runner
