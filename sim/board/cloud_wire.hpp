#pragma once
// Translation between the firmware's HTTP view (hal::HttpRequest/HttpResponse) and the mock
// cloud's (cloud::CloudRequest/CloudResponse), as an HTTP stack would do it on the wire.
// Pure functions: used by the in-process transport, testable without a cloud.
#include <cstdint>

#include "firmware/hal/http_client.hpp"
#include "sim/board/url.hpp"
#include "cloud/service/cloud_types.hpp"

namespace ringside::sim {

// `url` is `request.url` already parsed.
cloud::CloudRequest to_cloud_request(const hal::HttpRequest& request, const Url& url);

// Seconds from a Retry-After header (RFC 9110 §10.2.3, delay-seconds form; header name
// matched case-insensitively). 0 when absent or an HTTP-date, which the mock never sends.
std::uint32_t retry_after_seconds(const cloud::CloudResponse& response);

// Unix seconds from the Date header (IMF-fixdate, cloud/service/http_date.hpp); 0 when absent or
// unreadable, as hal::HttpResponse::date_unix defines "no Date".
std::int64_t date_unix(const cloud::CloudResponse& response);

// A view of `response` for the firmware; its views point into `response`.
hal::HttpResponse to_http_response(const cloud::CloudResponse& response);

} // namespace ringside::sim
