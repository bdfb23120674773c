#include "cloud/faults/faults.hpp"

#include <algorithm>

#include "cloud/faults/fault_draws.hpp"
#include "cloud/service/json_writer.hpp"

namespace ringside::cloud {
namespace {

bool watches(const Fault& fault, const RequestFacts& r) {
    if (fault.endpoint != "*" && fault.endpoint != r.endpoint) return false;
    if (!fault.client_id.empty() && fault.client_id != r.client_id) return false;
    return fault.grant_type.empty() || fault.grant_type == r.grant_type;
}

// One payload stream per fault, none equal to the table's probability stream ("FAULT") or
// the service's.
std::uint64_t payload_seed(std::uint64_t table_seed, std::size_t index) {
    std::uint64_t x = table_seed ^ 0x5041594C4F4144ull;  // "PAYLOAD"
    x += 0x9e3779b97f4a7c15ull * (static_cast<std::uint64_t>(index) + 1);
    return common::splitmix64(x);
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

// Breaks that leave no HTTP answer to carry: they replace the service's.
bool replaces_answer(Break b) { return b == Break::EmptyReply || b == Break::Reset || b == Break::RandomBytes; }

} // namespace

const std::vector<std::string>& fault_body_kinds() {
    static const std::vector<std::string> kinds{"missing_access_token", "string_expires_in", "negative_expires_in",
                                                "wrong_token_type",     "wrong_content_type", "empty",
                                                "garbage"};
    return kinds;
}

const char* to_string(Break b) {
    switch (b) {
    case Break::None: return "none";
    case Break::EmptyReply: return "empty_reply";
    case Break::Reset: return "reset";
    case Break::RandomBytes: return "random_bytes";
    case Break::MalformedChunk: return "malformed_chunk";
    }
    return "none";
}

const std::vector<std::string>& break_kinds() {
    static const std::vector<std::string> kinds{"empty_reply", "reset", "random_bytes", "malformed_chunk"};
    return kinds;
}

std::optional<Break> parse_break(std::string_view name) {
    for (Break b : {Break::EmptyReply, Break::Reset, Break::RandomBytes, Break::MalformedChunk})
        if (name == to_string(b)) return b;
    return std::nullopt;
}

void FaultTable::add(Fault fault) {
    const std::size_t index = faults_.size();
    faults_.push_back(Armed{std::move(fault), common::Prng(payload_seed(seed_, index))});
}

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
    if (f.probability < 1.0 && static_cast<double>(chance_.next() >> 11) * 0x1.0p-53 >= f.probability) return false;
    ++armed.fired;
    return true;
}

Interception FaultTable::intercept(const RequestFacts& request) {
    Interception result;
    for (Armed& armed : faults_) {
        const Fault& f = armed.fault;
        if (!watches(f, request)) continue;
        ++armed.matches;
        if (!fires(armed, request.now)) continue;
        result.fired = true;
        result.delay += draw_delay(f, armed.payload);
        result.dribble += std::max(f.dribble, Millis(0));
        result.date_skew += f.date_skew;
        result.json_shape.omit.insert(result.json_shape.omit.end(), f.omit.begin(), f.omit.end());
        result.json_shape.set.insert(result.json_shape.set.end(), f.set.begin(), f.set.end());
        if (f.broken == Break::MalformedChunk && result.broken == Break::None) result.broken = Break::MalformedChunk;
        if (result.answer) continue;
        result.answer = fault_response(f);
        if (result.answer && result.answer->response.broken == Break::RandomBytes)
            result.answer->response.body = draw_random_bytes(armed.payload);
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
    if (replaces_answer(fault.broken)) {
        outcome.response.status = 0;  // no HTTP answer reaches the client
        outcome.response.content_type.clear();
        outcome.response.broken = fault.broken;
        outcome.error = std::string("broken_") + to_string(fault.broken);
        return outcome;
    }
    if (!fault.body.empty()) return malformed_token_body(fault.body);
    if (fault.raw_body && fault.status != 0) {
        // What a proxy or a misconfigured server sends: a status and whatever body it likes.
        outcome.response.status = fault.status;
        outcome.response.content_type = fault.raw_content_type;
        outcome.response.body = *fault.raw_body;
        outcome.error = "raw_body";
    } else if (!fault.oauth_error.empty()) {
        // RFC 6749 §5.2: invalid_client is the one error answered with 401.
        const int status = fault.status != 0 ? fault.status : fault.oauth_error == "invalid_client" ? 401 : 400;
        outcome = oauth_error(status, fault.oauth_error, "injected fault");
    } else if (fault.status != 0) {
        // RFC 6749 §4.1.2.1's two server-side codes; 503 is the "try again later" one.
        outcome = oauth_error(fault.status, fault.status == 503 ? "temporarily_unavailable" : "server_error",
                              "injected fault");
    } else {
        return std::nullopt;  // a fault that only shapes: the service answers
    }
    if (fault.retry_after_s > 0) {
        outcome.response.headers.emplace_back("Retry-After", std::to_string(fault.retry_after_s));
    }
    return outcome;
}

void shape(const Interception& faults, Outcome& outcome) {
    CloudResponse& r = outcome.response;
    r.delay = faults.delay;
    if (r.dropped || r.broken != Break::None) return;  // nothing goes back to shape
    if (!faults.json_shape.empty()) {
        const std::string shaped = reshape_json_object(r.body, faults.json_shape);
        if (shaped != r.body) {
            r.body = shaped;
            if (outcome.error.empty()) outcome.error = "shaped";
        }
    }
    if (faults.broken != Break::None) {
        r.broken = faults.broken;
        outcome.error = std::string("broken_") + to_string(faults.broken);
    } else if (faults.dribble > Millis(0)) {
        r.dribble = faults.dribble;
        outcome.error = "dribbled";
    }
}

} // namespace ringside::cloud
