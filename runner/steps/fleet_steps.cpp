// Expectations over a world of several speakers as a whole: how many are in a state, how
// long they took to sign in, and the peak request rate the cloud saw from them.
#include <algorithm>
#include <limits>
#include <map>

#include "runner/condition.hpp"
#include "runner/steps/since.hpp"
#include "runner/steps/steps.hpp"
#include "sim/fleet/nearest_rank.hpp"

namespace ringside::runner {
namespace {

// How many speakers a state count wants: all of them, exactly N, at least N or at most N.
struct Wanted {
    enum class Kind { All, Exactly, AtLeast, AtMost } kind = Kind::All;
    std::size_t n = 0;
    bool met(std::size_t count, std::size_t speakers) const {
        switch (kind) {
            case Kind::All: return count == speakers;
            case Kind::Exactly: return count == n;
            case Kind::AtLeast: return count >= n;
            case Kind::AtMost: return count <= n;
        }
        return false;
    }
    std::string text(std::size_t speakers) const {
        switch (kind) {
            case Kind::All: return "all " + std::to_string(speakers);
            case Kind::Exactly: return "exactly " + std::to_string(n);
            case Kind::AtLeast: return "at least " + std::to_string(n);
            case Kind::AtMost: return "at most " + std::to_string(n);
        }
        return "";
    }
};

Wanted read_wanted(ScenarioNode& a) {
    Wanted w;
    int given = 0;
    if (auto n = a.get("count")) {
        ++given;
        if (n->str() != "all") w = {Wanted::Kind::Exactly, static_cast<std::size_t>(n->integer(0, 100'000'000))};
    }
    if (auto n = a.get("at_least")) {
        ++given;
        w = {Wanted::Kind::AtLeast, static_cast<std::size_t>(n->integer(0, 100'000'000))};
    }
    if (auto n = a.get("at_most")) {
        ++given;
        w = {Wanted::Kind::AtMost, static_cast<std::size_t>(n->integer(0, 100'000'000))};
    }
    if (given != 1) a.fail("expect_fleet with state needs one of: count (a number or all), at_least, at_most");
    return w;
}

std::string describe_states(const Condition& c) {
    std::string out;
    if (c.device) out += std::string("device ") + std::string(fw::to_string(*c.device));
    if (c.auth) out += std::string(out.empty() ? "" : ", ") + "auth " + std::string(fw::to_string(*c.auth));
    return out;
}

StepPlay state_count(ScenarioNode& a) {
    ScenarioNode state = a.require("state");
    const Condition c = read_condition(state, "expect_fleet's state");
    if (c.ring) state.fail("expect_fleet counts device and auth states; a ring pattern is one speaker's (expect_ring)");
    state.done();
    const Wanted wanted = read_wanted(a);
    const Millis within = a.get("within") ? a.get("within")->duration() : Millis(0);
    return [c, wanted, within](sim::VirtualSpeaker& w) -> std::string {
        const std::size_t speakers = w.speaker_count();
        const auto count = [&] { return w.count_speakers(c.device, c.auth); };
        if (w.run_until(w.now() + within, [&] { return wanted.met(count(), speakers); })) return {};
        return "expected " + wanted.text(speakers) + " speakers with " + describe_states(c) + " within " +
               format_duration(within) + "; " + std::to_string(count()) + " of " + std::to_string(speakers) + " are";
    };
}

// Nearest rank: the smallest time at least p % of the speakers signed in within. A
// speaker that has not signed in counts as slower than any that has.
std::optional<Millis> percentile(const std::vector<std::optional<Millis>>& times, double p) {
    std::vector<Millis> done;
    for (const auto& t : times)
        if (t) done.push_back(*t);
    std::sort(done.begin(), done.end());
    const std::size_t rank = sim::nearest_rank(p, times.size());
    if (rank == 0) return Millis(0);
    if (rank > done.size()) return std::nullopt;
    return done[rank - 1];
}

StepPlay sign_in_time(ScenarioNode& a) {
    ScenarioNode bounds = a.require("sign_in_time");
    std::vector<std::pair<double, Millis>> wanted;  // percentile (100: max), at most
    const std::map<std::string, double> names{{"p50", 50}, {"p90", 90}, {"p95", 95}, {"p99", 99}, {"max", 100}};
    for (auto& [key, value] : bounds.entries()) {
        const auto it = names.find(key);
        if (it == names.end()) value.fail("unknown sign_in_time bound '" + key + "'; expected p50, p90, p95, p99 or max");
        wanted.emplace_back(it->second, value.duration());
    }
    if (wanted.empty()) bounds.fail("sign_in_time needs at least one of: p50, p90, p95, p99, max (each an upper bound)");
    return [wanted](sim::VirtualSpeaker& w) -> std::string {
        const auto times = w.sign_in_times();
        const auto done = std::count_if(times.begin(), times.end(), [](const auto& t) { return t.has_value(); });
        for (const auto& [p, bound] : wanted) {
            const std::string name = p == 100 ? "max" : "p" + std::to_string(static_cast<int>(p));
            const auto t = percentile(times, p);
            if (!t)
                return "expected sign-in time " + name + " at most " + format_duration(bound) + "; only " +
                       std::to_string(done) + " of " + std::to_string(times.size()) + " speakers have signed in";
            if (*t > bound)
                return "expected sign-in time " + name + " at most " + format_duration(bound) + "; it is " +
                       format_duration(*t);
        }
        return {};
    };
}

StepPlay peak_rate(ScenarioNode& a) {
    ScenarioNode rate = a.require("peak_rate");
    const RequestFilter filter = read_request_filter(rate);
    auto at_most = rate.get("at_most");
    auto at_least = rate.get("at_least");
    if (!at_most && !at_least) rate.fail("peak_rate needs at_most or at_least (requests in one second of virtual time)");
    const long long most = at_most ? at_most->integer(0, 100'000'000) : std::numeric_limits<long long>::max();
    const long long least = at_least ? at_least->integer(0, 100'000'000) : 0;
    rate.done();
    const Since since = read_since(a);
    return [filter, most, least, since](sim::VirtualSpeaker& w) -> std::string {
        std::string failure;
        const auto from = start_of(since, w, failure);
        if (!from) return failure;
        const auto& journal = w.cloud().journal();
        long long peak = 0;
        Millis peak_at{0};
        long long in_second = 0;
        long long second = -1;
        for (std::size_t i = *from; i < journal.size(); ++i) {
            if (!matches(filter, journal[i])) continue;
            const long long s = journal[i].at.count() / 1000;
            in_second = s == second ? in_second + 1 : 1;
            second = s;
            if (in_second > peak) {
                peak = in_second;
                peak_at = Millis(s * 1000);
            }
        }
        const std::string seen = std::to_string(peak) + " " + describe(filter) + " in one second" +
                                 (peak > 0 ? " (at " + format_timestamp(peak_at) + ")" : "") + since_text(since);
        if (peak > most) return "expected at most " + std::to_string(most) + " per second; the peak was " + seen;
        if (peak < least) return "expected a peak of at least " + std::to_string(least) + " per second; it was " + seen;
        return {};
    };
}

} // namespace

void add_fleet_steps(StepCatalog& catalog) {
    // expect_fleet: { state: { auth: linked }, count: all | N, at_least: N, at_most: N, within: D }
    //             | { sign_in_time: { p50: D, p99: D, max: D } }
    //             | { peak_rate: { endpoint: token, grant: refresh_token, at_most: N }, since: MARK }
    catalog["expect_fleet"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        const int kinds = (a.has("state") ? 1 : 0) + (a.has("sign_in_time") ? 1 : 0) + (a.has("peak_rate") ? 1 : 0);
        if (kinds != 1) a.fail("expect_fleet needs exactly one of: state, sign_in_time, peak_rate");
        StepPlay play = a.has("state") ? state_count(a) : a.has("sign_in_time") ? sign_in_time(a) : peak_rate(a);
        a.done();
        return play;
    };
}

} // namespace ringside::runner
