#pragma once
// Scenario-injected faults. They sit in front of the service: a request a fault answers
// never reaches the OAuth logic, so it changes no state (a faulted poll is not a poll for
// slow_down timing, a faulted refresh does not rotate the token), and the fault table's
// own random stream (for `probability`) is separate from the service's, which keeps the
// codes and tokens of a run independent of the faults injected into it.
#include <optional>
#include <string_view>
#include <vector>

#include "sim/cloud/cloud_types.hpp"
#include "sim/cloud/oauth_response.hpp"
#include "sim/cloud/prng.hpp"

namespace ringside::cloud {

// What the faults make of one request: an answer in place of the service's, and/or a
// delay on whatever answer goes back.
struct Interception {
    std::optional<Outcome> answer;
    Millis delay{0};
};

// The facts of a request that faults filter on.
struct RequestFacts {
    std::string_view endpoint;    // the journal's name
    std::string_view grant_type;  // the journal's short form, empty off the token endpoint
    std::string_view client_id;
    Millis now{0};
};

class FaultTable {
public:
    explicit FaultTable(std::uint64_t seed) : random_(seed ^ 0x4641554C54ull) {}  // "FAULT"
    void add(Fault fault);

    // Counts the request against every fault it matches, each from the moment that fault
    // was added, whether or not an earlier fault answers it: "after: 3" means the fourth
    // matching request, however many other faults there are. Of the faults that fire, the
    // first added answers; delays of all firing faults add up.
    Interception intercept(const RequestFacts& request);

private:
    struct Armed {
        Fault fault;
        int matches = 0;
        int fired = 0;
    };
    bool fires(Armed& armed, Millis now);

    std::vector<Armed> faults_;
    Prng random_;
};

// The answer a firing fault gives (nullopt for a fault that only delays). Exposed for the
// tests and the admin API.
std::optional<Outcome> fault_response(const Fault& fault);

} // namespace ringside::cloud
