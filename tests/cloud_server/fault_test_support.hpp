#pragma once
// Driving the HTTP cloud's admin API from fault tests: add a fault, move the clock, read the
// journal, start over with a seed. Every call is one curl run, bounded by curl's own cap.
#include <cctype>
#include <string>
#include <vector>

#include "cloud_server/http_test_support.hpp"

namespace ringside::test {

// `curl_args` go first, e.g. {"--cacert", ca} for a TLS cloud.
inline HttpResult admin_call(const CloudProcess& cloud, const std::string& what, const std::vector<std::string>& fields,
                             bool get = false, const std::vector<std::string>& curl_args = {}) {
    std::vector<std::string> args = curl_args;
    args.insert(args.end(), {"-H", "Authorization: Bearer " + cloud.admin_token()});
    if (get) args.push_back("-G");
    for (const auto& f : fields) args.insert(args.end(), {"--data-urlencode", f});
    args.push_back(cloud.issuer() + "/admin/" + what);
    return curl(args);
}

inline HttpResult add_fault(const CloudProcess& cloud, const std::vector<std::string>& fields,
                            const std::vector<std::string>& curl_args = {}) {
    return admin_call(cloud, "faults", fields, false, curl_args);
}

inline std::int64_t cloud_now_ms(const CloudProcess& cloud) { return number(admin_call(cloud, "clock", {}, true), "now_ms"); }

inline void advance_clock(const CloudProcess& cloud, std::int64_t ms) {
    REQUIRE(admin_call(cloud, "clock", {"advance_ms=" + std::to_string(ms)}).status == 200);
}

// A fresh cloud (faults and journal gone) whose random streams start from `seed`.
inline void reset_cloud(const CloudProcess& cloud, int seed) {
    REQUIRE(admin_call(cloud, "reset", {"seed=" + std::to_string(seed)}).status == 200);
}

inline HttpResult metadata(const CloudProcess& cloud, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = extra;
    args.push_back(cloud.issuer() + "/.well-known/oauth-authorization-server");
    return curl(args);
}

inline HttpResult device_authorization(const CloudProcess& cloud, const std::string& client = "ringside-speaker") {
    return curl({"-d", "client_id=" + client, cloud.issuer() + "/oauth2/device_authorization"});
}

inline HttpResult poll_token(const CloudProcess& cloud, const std::string& device_code) {
    return curl({"-d", kDeviceGrant, "-d", "device_code=" + device_code, "-d", "client_id=ringside-speaker",
                 cloud.issuer() + "/oauth2/token"});
}

// The journal's entries for one endpoint, as the raw JSON text.
inline std::string journal(const CloudProcess& cloud, const std::string& endpoint) {
    return admin_call(cloud, "journal", {"endpoint=" + endpoint}, true).body;
}

// The value of one response header from curl's raw header dump ("" when absent).
inline std::string response_header(const HttpResult& r, const std::string& name) {
    std::string lower_headers = r.headers, lower_name = "\n" + name + ":";
    for (char& c : lower_headers) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (char& c : lower_name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto at = lower_headers.find(lower_name);
    if (at == std::string::npos) return "";
    std::string value = r.headers.substr(at + lower_name.size(), r.headers.find("\r\n", at) - at - lower_name.size());
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    return value;
}

} // namespace ringside::test
