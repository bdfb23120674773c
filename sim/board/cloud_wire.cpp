#include "sim/board/cloud_wire.hpp"

#include <cctype>
#include <limits>

#include "cloud/service/http_date.hpp"

namespace ringside::sim {
namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    }
    return true;
}

} // namespace

cloud::CloudRequest to_cloud_request(const hal::HttpRequest& request, const Url& url) {
    cloud::CloudRequest out;
    out.method = request.method == hal::HttpMethod::Post ? "POST" : "GET";
    out.path = url.path;
    out.query = url.query;
    out.content_type.assign(request.content_type);
    out.body.assign(request.body);
    out.authorization.assign(request.authorization);
    out.origin = url.origin();
    return out;
}

std::uint32_t retry_after_seconds(const cloud::CloudResponse& response) {
    for (const auto& [name, value] : response.headers) {
        if (!equals_ignoring_case(name, "Retry-After")) continue;
        std::size_t i = 0;
        while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) ++i;
        if (i == value.size() || !std::isdigit(static_cast<unsigned char>(value[i]))) return 0;
        std::uint64_t seconds = 0;
        for (; i < value.size() && std::isdigit(static_cast<unsigned char>(value[i])); ++i) {
            seconds = seconds * 10 + static_cast<std::uint64_t>(value[i] - '0');
            if (seconds > std::numeric_limits<std::uint32_t>::max()) seconds = std::numeric_limits<std::uint32_t>::max();
        }
        while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) ++i;
        return i == value.size() ? static_cast<std::uint32_t>(seconds) : 0;
    }
    return 0;
}

std::int64_t date_unix(const cloud::CloudResponse& response) {
    for (const auto& [name, value] : response.headers) {
        if (!equals_ignoring_case(name, "Date")) continue;
        return cloud::parse_http_date(value).value_or(0);
    }
    return 0;
}

hal::HttpResponse to_http_response(const cloud::CloudResponse& response) {
    hal::HttpResponse out;
    out.error = hal::TransportError::None;
    out.status = response.status;
    out.content_type = response.content_type;
    out.body = response.body;
    out.retry_after_s = retry_after_seconds(response);
    out.date_unix = date_unix(response);
    return out;
}

} // namespace ringside::sim
