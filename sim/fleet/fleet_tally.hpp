#pragma once
// What a fleet run counted: every exchange the speakers had with the server, by endpoint,
// grant type, status and OAuth error (the same classification as the server's own journal,
// cloud/service/journal.hpp, so the two can be compared), the approvals made at the
// verification page, sign-in latencies and requests per wall second. Each worker keeps its
// own tally and the run merges them at the end; never holds a token, code or password.
// Units: latencies in milliseconds; buckets are whole wall-clock (UTC) seconds, the first
// the one the run started in, so the series of shards that ran at once line up exactly.
// Who may call: the owner's thread (a worker, the approver, the run after joining them).
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace ringside::sim {

struct RequestKind {
    std::string endpoint;    // metadata, device_authorization, token, settings, other, ...
    std::string grant_type;  // for token requests: device_code, refresh_token; else empty
    int status = 0;          // 0: no answer
    std::string error;       // OAuth error code, or the transport failure with status 0
    bool operator<(const RequestKind& o) const {
        return std::tie(endpoint, grant_type, status, error) < std::tie(o.endpoint, o.grant_type, o.status, o.error);
    }
};

struct FleetTally {
    std::map<RequestKind, std::uint64_t> requests;  // the speakers' own exchanges
    std::vector<std::uint32_t> per_second;          // the speakers' requests sent in each UTC second
    std::int64_t start_phase_ms = 0;                // how far into its UTC second the run started (0..999)
    std::vector<double> sign_in_ms;                 // power-on to linked, one per speaker that linked
    std::uint64_t refreshes = 0;                    // refresh_token grants answered 200
    std::map<RequestKind, std::uint64_t> approvals; // the verification page: endpoint "verification"

    // A request the speakers sent at `wall_ms` after the run started.
    void count_request(const RequestKind& kind, std::int64_t wall_ms);
    void merge(const FleetTally& other);

    std::uint64_t total_requests() const;
    // Requests answered with an OAuth error or not answered at all, the grant's own waits
    // (authorization_pending, slow_down) left out.
    std::uint64_t errors() const;
};

// The `p`-th percentile (0..100, nearest rank) of `values`, which it sorts; 0 when empty.
double percentile(std::vector<double>& values, double p);

} // namespace ringside::sim
