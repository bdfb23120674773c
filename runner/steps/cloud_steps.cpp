// The mock cloud's state and injected faults.
#include "runner/steps/steps.hpp"

namespace ringside::runner {

void add_cloud_steps(StepCatalog& c) {
    c["cloud.fault"] = [](ScenarioNode& a, const Scenario&) -> StepPlay {
        cloud::Fault f;
        f.endpoint = a.require("endpoint").str();
        if (auto n = a.get("grant")) f.grant_type = n->str();
        if (auto n = a.get("after")) f.after = static_cast<int>(n->integer(0, 1000000));
        if (auto n = a.get("count")) f.count = static_cast<int>(n->integer(0, 1000000));
        if (auto n = a.get("status")) f.status = static_cast<int>(n->integer(100, 599));
        if (auto n = a.get("error")) f.oauth_error = n->str();
        if (auto n = a.get("retry_after")) f.retry_after_s = static_cast<int>(n->duration().count() / 1000);
        if (auto n = a.get("drop")) f.drop = n->boolean();
        if (f.status == 0 && f.oauth_error.empty() && !f.drop) a.fail("cloud.fault needs 'status', 'error' or 'drop: true'");
        a.done();
        return [f](sim::VirtualSpeaker& w) {
            w.cloud().add_fault(f);
            return std::string();
        };
    };
}

} // namespace ringside::runner
