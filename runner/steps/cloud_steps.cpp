// The mock cloud's state and injected faults.
#include <algorithm>

#include "runner/steps/fault_keys.hpp"
#include "runner/steps/steps.hpp"

namespace ringside::runner {
namespace {

} // namespace

void add_cloud_steps(StepCatalog& c) {
    // cloud.fault: which requests (endpoint, grant, client), when (after, every, count,
    // for, probability), what they get instead (drop, break, body, raw_body, error, status,
    // retry_after) and how the answer is shaped (delay, dribble, date_skew, omit and set: its
    // JSON members left out or set to exact values).
    c["cloud.fault"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        cloud::Fault f;
        f.endpoint = a.require("endpoint").str();
        if (auto n = a.get("grant")) f.grant_type = n->str();
        if (auto n = a.get("client")) f.client_id = n->str();
        if (auto n = a.get("after")) f.after = static_cast<int>(n->integer(0, 1000000));
        if (auto n = a.get("count")) f.count = static_cast<int>(n->integer(0, 1000000));
        if (auto n = a.get("every")) f.every = static_cast<int>(n->integer(1, 1000000));
        if (auto n = a.get("probability")) {
            const std::string v = n->str();
            char* end = nullptr;
            f.probability = std::strtod(v.c_str(), &end);
            if (v.empty() || *end || f.probability < 0 || f.probability > 1)
                n->fail("bad probability '" + v + "'; expected a number from 0 to 1, e.g. 0.25");
        }
        std::optional<Millis> window;
        if (auto n = a.get("for")) window = n->duration();
        if (auto n = a.get("drop")) f.drop = n->boolean();
        if (auto n = a.get("break")) f.broken = read_break(*n);
        if (auto n = a.get("body")) {
            f.body = n->str();
            const auto& kinds = cloud::fault_body_kinds();
            if (std::find(kinds.begin(), kinds.end(), f.body) == kinds.end())
                n->fail("unknown fault body '" + f.body + "'; expected one of: " + join(kinds));
        }
        if (auto n = a.get("status")) f.status = static_cast<int>(n->integer(100, 599));
        if (auto n = a.get("raw_body")) {
            if (f.status == 0) n->fail("raw_body is sent with a status; add e.g. 'status: 502'");
            if (!f.body.empty()) n->fail("raw_body and body cannot go together: body names a malformed 200 token answer");
            f.raw_body = n->str();
        }
        if (auto n = a.get("content_type")) {
            if (!f.raw_body) n->fail("content_type goes with raw_body (it is the raw body's type)");
            f.raw_content_type = n->str();
        }
        if (auto n = a.get("error")) f.oauth_error = n->str();
        if (auto n = a.get("retry_after")) f.retry_after_s = static_cast<int>(n->duration().count() / 1000);
        if (auto n = a.get("delay")) read_delay(*n, f);
        if (auto n = a.get("dribble")) f.dribble = n->duration();
        if (auto n = a.get("date_skew")) f.date_skew = read_signed_duration(*n);
        // omit: [interval] and set: { expires_in: "3600" } reshape the JSON answer.
        if (auto n = a.get("omit")) {
            if (!n->is_sequence()) n->fail("omit: expected a list of member names, e.g. omit: [interval]");
            for (const ScenarioNode& m : n->items()) {
                if (!m.is_scalar() || m.str().empty()) m.fail("omit: expected a member name");
                f.omit.push_back(m.str());
            }
        }
        if (auto n = a.get("set")) {
            if (!n->is_map()) n->fail("set: expected members and their JSON values, e.g. set: { expires_in: \"3600\" }");
            for (const auto& [member, value] : n->entries()) f.set.emplace_back(member, value.json());
        }
        if (!f.does_something())
            a.fail("cloud.fault needs what to answer or how to shape it: 'status', 'error', 'body', 'raw_body' (with "
                   "status), 'break', 'drop: true', 'delay', 'dribble', 'date_skew', 'omit' or 'set'");
        a.done();
        return [f, window](sim::VirtualSpeaker& w) mutable {
            // `for` opens the window at the moment the step plays: an outage from now on.
            if (window) {
                f.from = w.now();
                f.until = w.now() + *window;
            }
            w.cloud().add_fault(f);
            return std::string();
        };
    };
}

} // namespace ringside::runner
