#include "sim/cloud/faults.hpp"

#include <algorithm>

namespace ringside::cloud {
namespace {

bool matches(const Fault& fault, std::string_view endpoint, std::string_view grant_type) {
    if (fault.endpoint != "*" && fault.endpoint != endpoint) return false;
    return fault.grant_type.empty() || fault.grant_type == grant_type;
}

bool fires_on(const Fault& fault, int match_number) {
    // Negative settings are read as their nearest meaningful value rather than rejected:
    // the scenario loader validates input, the cloud must not throw mid-run.
    const int after = std::max(fault.after, 0);
    const int count = std::max(fault.count, 0);
    if (match_number <= after) return false;
    return count == 0 || match_number <= after + count;
}

} // namespace

void FaultTable::add(Fault fault) { faults_.push_back(Armed{std::move(fault)}); }

std::optional<Outcome> FaultTable::intercept(std::string_view endpoint, std::string_view grant_type) {
    const Fault* answering = nullptr;
    for (Armed& armed : faults_) {
        if (!matches(armed.fault, endpoint, grant_type)) continue;
        ++armed.matches;
        if (!answering && fires_on(armed.fault, armed.matches)) answering = &armed.fault;
    }
    if (!answering) return std::nullopt;
    return fault_response(*answering);
}

Outcome fault_response(const Fault& fault) {
    Outcome outcome;
    if (fault.drop) {
        // Journaled with status 0: the request arrived but nothing was ever sent back.
        outcome.response.status = 0;
        outcome.response.dropped = true;
        outcome.error = "dropped";
        return outcome;
    }
    if (!fault.oauth_error.empty()) {
        // RFC 6749 §5.2: invalid_client is the one error answered with 401.
        const int status = fault.status != 0 ? fault.status : fault.oauth_error == "invalid_client" ? 401 : 400;
        outcome = oauth_error(status, fault.oauth_error, "injected fault");
    } else {
        const int status = fault.status != 0 ? fault.status : 500;
        // RFC 6749 §4.1.2.1's two server-side codes; 503 is the "try again later" one.
        outcome = oauth_error(status, status == 503 ? "temporarily_unavailable" : "server_error",
                              "injected fault");
    }
    if (fault.retry_after_s > 0) {
        outcome.response.headers.emplace_back("Retry-After", std::to_string(fault.retry_after_s));
    }
    return outcome;
}

} // namespace ringside::cloud
