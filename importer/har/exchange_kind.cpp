#include "importer/har/exchange_kind.hpp"

#include "cloud/oauth/form_codec.hpp"

namespace ringside::importer {
namespace {

bool ends_with(const std::string& text, const std::string& suffix) {
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The journal's short grant names; other grants (authorization_code, client_credentials) are
// not the speaker's.
std::string short_grant(const std::string& grant_type) {
    if (grant_type == "urn:ietf:params:oauth:grant-type:device_code" || grant_type == "device_code") return "device_code";
    if (grant_type == "refresh_token") return "refresh_token";
    return {};
}

} // namespace

std::optional<ExchangeKind> classify(const HarExchange& x) {
    const std::string path = url_path(x.url);
    if (path.find("/admin/") != std::string::npos || ends_with(path, "/admin")) return std::nullopt;
    if (x.method == "GET" && ends_with(path, "/.well-known/oauth-authorization-server"))
        return ExchangeKind{"metadata", "", false};
    if (x.method != "POST") return std::nullopt;
    if (ends_with(path, "/oauth2/device_authorization")) return ExchangeKind{"device_authorization", "", false};
    if (ends_with(path, "/auth/O2/create/codepair")) return ExchangeKind{"device_authorization", "", true};
    if (ends_with(path, "/oauth2/revoke")) return ExchangeKind{"revoke", "", false};
    const bool lwa = ends_with(path, "/auth/O2/token");
    if (!lwa && !ends_with(path, "/oauth2/token")) return std::nullopt;
    const auto form = cloud::parse_form(x.request_body);
    const std::string grant = form ? short_grant(form->get("grant_type").value_or("")) : std::string();
    if (grant.empty()) return std::nullopt;
    return ExchangeKind{"token", grant, lwa};
}

} // namespace ringside::importer
