#pragma once
// What every answer of the mock cloud must be, whatever was asked (fuzz/cloud_requests.cpp):
// something a conforming HTTP and OAuth client can act on. A broken rule aborts, naming it.
#include <cstdio>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "cloud/service/cloud_types.hpp"

namespace fuzz_cloud {

inline void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "cloud_requests: %s\n", what);
    std::abort();
}

inline bool has_header(const ringside::cloud::CloudResponse& response, const char* name) {
    for (const auto& [key, value] : response.headers) {
        if (key == name && !value.empty()) return true;
    }
    return false;
}

inline bool is_json(const ringside::cloud::CloudResponse& response) {
    return response.content_type.rfind("application/json", 0) == 0;
}

// The body as JSON when the answer says it is JSON; discarded otherwise or when it does
// not parse.
inline nlohmann::json parse_json_body(const ringside::cloud::CloudResponse& response) {
    if (!is_json(response)) return nlohmann::json(nlohmann::json::value_t::discarded);
    return nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
}

inline void check_answer(const ringside::cloud::CloudResponse& response) {
    require(response.status >= 100 && response.status <= 599, "a status outside 100..599");
    // No fault was configured: nothing may be held back, dropped or broken.
    require(!response.dropped && response.broken == ringside::cloud::Break::None &&
                response.delay.count() == 0 && response.dribble.count() == 0,
            "an answer shaped like a fault without one");
    require(has_header(response, "Date"), "no Date header (RFC 9110 §6.6.1)");
    if (response.status == 401) require(has_header(response, "WWW-Authenticate"), "a 401 without WWW-Authenticate");
    if (response.status == 405) require(has_header(response, "Allow"), "a 405 without Allow (RFC 9110 §15.5.6)");
    if (is_json(response)) {
        const nlohmann::json body = parse_json_body(response);
        require(!body.is_discarded(), "a JSON answer that does not parse");
        require(body.is_object(), "a JSON answer that is not an object");
        if (response.status >= 400 && response.status < 500) {
            const auto error = body.find("error");
            require(error != body.end() && error->is_string() && !error->get<std::string>().empty(),
                    "a 4xx JSON answer without an error member (RFC 6749 §5.2)");
        }
        if (response.status == 200 && body.contains("access_token")) {
            require(body["access_token"].is_string() && body.contains("token_type") && body["token_type"].is_string(),
                    "tokens without token_type (RFC 6749 §5.1)");
            const auto expires = body.find("expires_in");
            require(expires == body.end() || (expires->is_number_integer() && expires->get<long long>() > 0),
                    "expires_in that is not a positive integer");
        }
    } else {
        require(response.content_type.rfind("text/html", 0) == 0, "an answer neither JSON nor the HTML page");
        require(!response.body.empty(), "an empty page");
    }
}

// The journal records what was answered, and an error answer's code.
inline void check_journal_entry(const ringside::cloud::JournalEntry& entry, const ringside::cloud::CloudResponse& response) {
    require(entry.status == response.status, "the journal's status differs from the answer's");
    require(!entry.faulted, "journaled as faulted without a fault");
    if (response.status >= 400 && is_json(response)) {
        const nlohmann::json body = parse_json_body(response);
        require(entry.error == body.value("error", std::string()), "the journal's error differs from the answer's");
    }
}

} // namespace fuzz_cloud
