#pragma once
// Response shapes shared by every endpoint: RFC 6749 §5.1 success and §5.2 error bodies.
#include <string>
#include <string_view>

#include "cloud/service/cloud_types.hpp"

namespace ringside::cloud {

// A response plus the error code the journal records for it, so the journal never has to
// parse a body back.
struct Outcome {
    CloudResponse response;
    std::string error;  // empty on success
};

// RFC 6749 §5.1: responses carrying tokens or codes must not be cached anywhere.
void add_no_store(CloudResponse& response);

// {"error":..., "error_description":...} with no-store headers.
Outcome oauth_error(int status, std::string_view error, std::string_view description);

// 200 with a JSON body; `no_store` for bodies that carry secrets.
Outcome json_success(std::string body, bool no_store);

// 405 naming the one method the endpoint accepts.
Outcome method_not_allowed(std::string_view allowed);

} // namespace ringside::cloud
