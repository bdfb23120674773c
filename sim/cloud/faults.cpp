#include "sim/cloud/faults.hpp"

#include <algorithm>

#include "sim/cloud/json_writer.hpp"

namespace ringside::cloud {
namespace {

bool watches(const Fault& fault, const RequestFacts& r) {
    if (fault.endpoint != "*" && fault.endpoint != r.endpoint) return false;
    if (!fault.client_id.empty() && fault.client_id != r.client_id) return false;
    return fault.grant_type.empty() || fault.grant_type == r.grant_type;
}

// A 200 token answer broken in one named way, as real servers and middleboxes break them.
Outcome malformed_token_body(const std::string& kind) {
    Outcome o;
    o.response.status = 200;
    add_no_store(o.response);
    JsonObjectWriter w;
    if (kind == "missing_access_token") {
        o.response.body = w.string("token_type", "Bearer").number("expires_in", 3600).finish();
    } else if (kind == "string_expires_in") {
        o.response.body = w.string("access_token", "rs_at.fault").string("token_type", "Bearer").string("expires_in", "soon").finish();
    } else if (kind == "negative_expires_in") {
        o.response.body = w.string("access_token", "rs_at.fault").string("token_type", "Bearer").number("expires_in", -5).finish();
    } else if (kind == "wrong_token_type") {
        o.response.body = w.string("access_token", "rs_at.fault").string("token_type", "MAC").number("expires_in", 3600).finish();
    } else if (kind == "wrong_content_type") {
        // A captive portal's answer: a 200 page, not JSON.
        o.response.content_type = "text/html";
        o.response.body = "<html><body>Please sign in to the hotel Wi-Fi</body></html>";
    } else if (kind == "garbage") {
        o.response.body = std::string("\x8b\x1f\x00\xff{\"acc", 9);
    }  // "empty": the 200 with no body at all
    o.error = "malformed_" + kind;
    return o;
}

} // namespace

const std::vector<std::string>& fault_body_kinds() {
    static const std::vector<std::string> kinds{"missing_access_token", "string_expires_in", "negative_expires_in",
                                                "wrong_token_type",     "wrong_content_type", "empty",
                                                "garbage"};
    return kinds;
}

void FaultTable::add(Fault fault) { faults_.push_back(Armed{std::move(fault)}); }

bool FaultTable::fires(Armed& armed, Millis now) {
    // Negative settings are read as their nearest meaningful value rather than rejected:
    // the scenario loader validates input, the cloud must not throw mid-run.
    const Fault& f = armed.fault;
    const int after = std::max(f.after, 0);
    const int every = std::max(f.every, 1);
    if (armed.matches <= after || (armed.matches - after - 1) % every != 0) return false;
    if (f.count > 0 && armed.fired >= f.count) return false;
    if ((f.from && now < *f.from) || (f.until && now >= *f.until)) return false;
    // Drawn only when everything else says yes, so a probability never shifts other faults.
    if (f.probability < 1.0 && static_cast<double>(random_.next() >> 11) * 0x1.0p-53 >= f.probability) return false;
    ++armed.fired;
    return true;
}

Interception FaultTable::intercept(const RequestFacts& request) {
    Interception result;
    for (Armed& armed : faults_) {
        if (!watches(armed.fault, request)) continue;
        ++armed.matches;
        if (!fires(armed, request.now)) continue;
        result.delay += std::max(armed.fault.delay, Millis(0));
        if (!result.answer) result.answer = fault_response(armed.fault);
    }
    return result;
}

std::optional<Outcome> fault_response(const Fault& fault) {
    Outcome outcome;
    if (fault.drop) {
        // Journaled with status 0: the request arrived but nothing was ever sent back.
        outcome.response.status = 0;
        outcome.response.dropped = true;
        outcome.error = "dropped";
        return outcome;
    }
    if (!fault.body.empty()) return malformed_token_body(fault.body);
    if (!fault.oauth_error.empty()) {
        // RFC 6749 §5.2: invalid_client is the one error answered with 401.
        const int status = fault.status != 0 ? fault.status : fault.oauth_error == "invalid_client" ? 401 : 400;
        outcome = oauth_error(status, fault.oauth_error, "injected fault");
    } else if (fault.status != 0) {
        // RFC 6749 §4.1.2.1's two server-side codes; 503 is the "try again later" one.
        outcome = oauth_error(fault.status, fault.status == 503 ? "temporarily_unavailable" : "server_error",
                              "injected fault");
    } else {
        return std::nullopt;  // a delay-only fault: the service answers, later
    }
    if (fault.retry_after_s > 0) {
        outcome.response.headers.emplace_back("Retry-After", std::to_string(fault.retry_after_s));
    }
    return outcome;
}

} // namespace ringside::cloud
