#include "sim/board/planted_defect.hpp"

#include <algorithm>
#include <cctype>

#include "sim/text/enum_names.hpp"

namespace ringside::sim {
namespace {

bool same_name(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return std::tolower(x) == std::tolower(y); });
}

bool says_error(const cloud::CloudResponse& response, std::string_view code) {
    return response.body.find("\"" + std::string(code) + "\"") != std::string::npos;
}

} // namespace

const std::vector<std::string>& planted_defect_names() {
    static const std::vector<std::string> names{"none",          "no_slow_down",  "ignore_retry_after",
                                                "retry_storm",   "fatal_5xx",     "accept_revoked_grant",
                                                "lossy_flash",   "leak_authorization", "spin_on_wifi_loss",
                                                "crash_on_reset", "no_jitter"};
    return names;
}

std::optional<PlantedDefect> parse_planted_defect(std::string_view name) {
    return text::parse_enum_name<PlantedDefect>(planted_defect_names(), name);
}

const char* to_string(PlantedDefect defect) { return planted_defect_names()[static_cast<std::size_t>(defect)].c_str(); }

void distort_answer(PlantedDefect defect, cloud::CloudResponse& response) {
    switch (defect) {
    case PlantedDefect::NoSlowDown:
        if (says_error(response, "slow_down")) response.body = R"({"error":"authorization_pending"})";
        return;
    case PlantedDefect::IgnoreRetryAfter:
        response.headers.erase(std::remove_if(response.headers.begin(), response.headers.end(),
                                              [](const auto& h) { return same_name(h.first, "Retry-After"); }),
                               response.headers.end());
        return;
    case PlantedDefect::FatalServerError:
        if (response.status >= 500 && response.broken == cloud::Break::None) {
            response.status = 400;
            response.content_type = "application/json";
            response.body = R"({"error":"access_denied"})";
            response.headers.clear();
        }
        return;
    case PlantedDefect::AcceptRevokedGrant:
        if (response.status == 400 && says_error(response, "invalid_grant")) {
            response.status = 200;
            response.content_type = "application/json";
            response.body = R"({"access_token":"planted-access","token_type":"Bearer","expires_in":3600,)"
                            R"("refresh_token":"planted-refresh"})";
        }
        return;
    default:
        return;
    }
}

} // namespace ringside::sim
