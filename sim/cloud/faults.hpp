#pragma once
// Scenario-injected faults. They sit in front of the service: a request a fault answers
// never reaches the OAuth logic, so it changes no state (a faulted poll is not a poll for
// slow_down timing, a faulted refresh does not rotate the token) and draws no randomness,
// which keeps the codes and tokens of a run independent of the faults injected into it.
#include <optional>
#include <string_view>
#include <vector>

#include "sim/cloud/cloud_types.hpp"
#include "sim/cloud/oauth_response.hpp"

namespace ringside::cloud {

class FaultTable {
public:
    void add(Fault fault);

    // Counts the request against every fault it matches, each from the moment that fault
    // was added, whether or not an earlier fault answers it: "after: 3" means the fourth
    // matching request, however many other faults there are. Of the faults that fire, the
    // first added answers. `grant_type` is the journal's short form, empty off the token
    // endpoint.
    std::optional<Outcome> intercept(std::string_view endpoint, std::string_view grant_type);

private:
    struct Armed {
        Fault fault;
        int matches = 0;
    };
    std::vector<Armed> faults_;
};

// The response a firing fault gives. Exposed for the tests and for an admin API that
// wants to show what a fault will answer.
Outcome fault_response(const Fault& fault);

} // namespace ringside::cloud
