#pragma once
// Scenario-injected faults. They sit in front of the service: a request a fault answers
// never reaches the OAuth logic, so it changes no state (a faulted poll is not a poll for
// slow_down timing, a faulted refresh does not rotate the token). Faults that only shape
// the answer (delay, dribble, malformed chunk, date skew) let the service answer first.
// The table's random streams are apart from the service's, so the codes and tokens of a run
// never depend on the faults injected into it: one stream for every `probability` draw, and
// per fault (seeded by the cloud's seed and the fault's place in the table) one for its
// delays and random bytes, so those draws move nothing else.
#include <optional>
#include <string_view>
#include <vector>

#include "cloud/service/cloud_types.hpp"
#include "cloud/faults/answer_shape.hpp"
#include "cloud/oauth/oauth_response.hpp"
#include "common/prng.hpp"

namespace ringside::cloud {

// What the faults make of one request: an answer in place of the service's, and how
// whatever answer goes back is shaped.
struct Interception {
    std::optional<Outcome> answer;
    Millis delay{0};               // the firing faults' drawn delays, added up
    Millis dribble{0};             // added up
    Break broken = Break::None;    // a break that needs an answer to break (MalformedChunk)
    Millis date_skew{0};           // added up
    AnswerShape json_shape;        // the firing faults' omit/set, in the order they were added
    bool fired = false;            // some fault fired: the journal marks the request faulted
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
    explicit FaultTable(std::uint64_t seed) : seed_(seed), chance_(seed ^ 0x4641554C54ull) {}  // "FAULT"
    void add(Fault fault);

    // Counts the request against every fault it matches, each from the moment that fault
    // was added, whether or not an earlier fault answers it: "after: 3" means the fourth
    // matching request, however many other faults there are. Of the faults that fire, the
    // first added that has an answer answers; the shaping of all firing faults adds up.
    Interception intercept(const RequestFacts& request);

private:
    struct Armed {
        Fault fault;
        common::Prng payload;  // delay draws and random bytes
        int matches = 0;
        int fired = 0;
    };
    bool fires(Armed& armed, Millis now);

    std::uint64_t seed_;
    common::Prng chance_;  // every fault's probability draws
    std::vector<Armed> faults_;
};

// The answer a firing fault gives in place of the service's (nullopt for a fault that only
// shapes the service's answer). A RandomBytes break comes back with an empty body: the
// table fills in the bytes from the fault's stream. Exposed for the tests.
std::optional<Outcome> fault_response(const Fault& fault);

// Puts the shaping of `faults` on `outcome` (the fault's answer or the service's) and names
// it for the journal: "broken_<kind>" for a break, "dribbled" for a dribble (a break wins).
void shape(const Interception& faults, Outcome& outcome);

} // namespace ringside::cloud
