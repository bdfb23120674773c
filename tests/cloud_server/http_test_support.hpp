#pragma once
// Reading the HTTP cloud's JSON answers with the strict reader of the cloud tests.
#include <string>

#include "cloud/cloud_test_support.hpp"
#include "cloud_server/child.hpp"

namespace ringside::test {

inline cloud::CloudResponse as_response(const HttpResult& r) {
    cloud::CloudResponse response;
    response.status = r.status;
    response.body = r.body;
    return response;
}
inline std::string field(const HttpResult& r, const std::string& key) { return cloud_test::str(as_response(r), key); }
inline std::int64_t number(const HttpResult& r, const std::string& key) { return cloud_test::num(as_response(r), key); }

inline constexpr const char* kDeviceGrant = "grant_type=urn:ietf:params:oauth:grant-type:device_code";

} // namespace ringside::test
