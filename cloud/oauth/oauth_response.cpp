#include "cloud/oauth/oauth_response.hpp"

#include "cloud/oauth/client_authentication.hpp"
#include "cloud/service/json_writer.hpp"

namespace ringside::cloud {

void add_no_store(CloudResponse& response) {
    response.headers.emplace_back("Cache-Control", "no-store");
    response.headers.emplace_back("Pragma", "no-cache");  // HTTP/1.0 caches and proxies
}

Outcome oauth_error(int status, std::string_view error, std::string_view description) {
    Outcome outcome;
    outcome.response.status = status;
    outcome.response.body =
        JsonObjectWriter().string("error", error).string("error_description", description).finish();
    add_no_store(outcome.response);
    outcome.error = std::string(error);
    // RFC 9110 §15.5.2: every 401 names how to authenticate. A bad bearer token is answered
    // as RFC 6750 §3 says; any other 401 is the client failing to authenticate (RFC 6749
    // §5.2 invalid_client), answered with the Basic scheme the token endpoint accepts.
    if (status == 401) {
        const std::string realm = "realm=\"" + std::string(kAuthRealm) + "\"";
        outcome.response.headers.emplace_back(
            "WWW-Authenticate", error == "invalid_token" ? "Bearer " + realm + ", error=\"invalid_token\""
                                                         : "Basic " + realm);
    }
    return outcome;
}

Outcome json_success(std::string body, bool no_store) {
    Outcome outcome;
    outcome.response.body = std::move(body);
    if (no_store) add_no_store(outcome.response);
    return outcome;
}

Outcome method_not_allowed(std::string_view allowed) {
    Outcome outcome = oauth_error(405, "invalid_request",
                                  "this endpoint only accepts " + std::string(allowed));
    outcome.response.headers.emplace_back("Allow", std::string(allowed));
    return outcome;
}

} // namespace ringside::cloud
