#include "cloud/service/endpoints.hpp"

#include <algorithm>

#include "cloud/oauth/client_authentication.hpp"

namespace ringside::cloud {

std::string issuer_url(const CloudConfig& config, std::string_view path) {
    std::string url = config.issuer;
    if (!url.empty() && url.back() == '/') url.pop_back();
    url.append(path);
    return url;
}

std::int64_t seconds_down(Millis duration) {
    return std::chrono::duration_cast<std::chrono::seconds>(duration).count();
}

std::int64_t seconds_up(Millis duration) { return (duration.count() + 999) / 1000; }

bool is_form_content_type(std::string_view content_type) {
    std::string_view media_type = content_type.substr(0, content_type.find(';'));
    while (!media_type.empty() && (media_type.back() == ' ' || media_type.back() == '\t')) {
        media_type.remove_suffix(1);
    }
    while (!media_type.empty() && (media_type.front() == ' ' || media_type.front() == '\t')) {
        media_type.remove_prefix(1);
    }
    if (media_type.empty()) return true;
    constexpr std::string_view form = "application/x-www-form-urlencoded";
    if (media_type.size() != form.size()) return false;
    for (std::size_t i = 0; i < form.size(); ++i) {
        char c = media_type[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != form[i]) return false;
    }
    return true;
}

std::optional<Outcome> read_form_post(const CloudRequest& request, FormFields& fields,
                                      std::initializer_list<std::string_view> single_valued) {
    if (request.method != "POST") return method_not_allowed("POST");
    if (!is_form_content_type(request.content_type)) {
        return oauth_error(400, "invalid_request",
                           "the body must be application/x-www-form-urlencoded");
    }
    auto parsed = parse_form(request.body);
    if (!parsed) return oauth_error(400, "invalid_request", "the form body is not well formed");
    for (const std::string_view name : single_valued) {
        if (parsed->count(name) > 1) {
            return oauth_error(400, "invalid_request",
                               "parameter " + std::string(name) + " is repeated");
        }
    }
    fields = std::move(*parsed);
    return std::nullopt;
}

std::optional<Outcome> check_client(const ServiceState& state, const CloudRequest& request, FormFields& fields) {
    if (uses_basic(request.authorization)) {
        const auto credentials = parse_basic(request.authorization);
        if (!credentials)
            return oauth_error(401, "invalid_client", "the Basic credentials are not base64 of client_id:client_secret");
        const Client* client = state.find_client(credentials->client_id);
        if (!client) return oauth_error(401, "invalid_client", "unknown client_id in the Basic credentials");
        // A public client has no secret, so a secret it sends cannot be right either: an
        // attempt that fails, not one to ignore (only "client_id:" with nothing after passes).
        if (credentials->secret != client->secret)
            return oauth_error(401, "invalid_client", client->secret.empty() ? "this client has no secret" : "wrong client secret");
        const auto named = fields.get("client_id");
        if (named && *named != credentials->client_id)
            return oauth_error(401, "invalid_client", "client_id does not match the authenticated client");
        // The endpoints read the caller from the form: an authenticated client need not repeat it.
        // An empty client_id reads as absent but still comes first, so it goes: else get()
        // would find it and answer nothing where the endpoints count on the client.
        if (!named) {
            auto& pairs = fields.pairs;
            pairs.erase(std::remove_if(pairs.begin(), pairs.end(), [](const auto& p) { return p.first == "client_id"; }),
                        pairs.end());
            pairs.emplace_back("client_id", credentials->client_id);
        }
        return std::nullopt;
    }
    const auto client_id = fields.get("client_id");
    if (!client_id) return oauth_error(400, "invalid_request", "client_id is missing");
    const Client* client = state.find_client(*client_id);
    if (!client) return oauth_error(401, "invalid_client", "unknown client_id");
    if (fields.get("client_secret").value_or("") != client->secret)
        return oauth_error(401, "invalid_client", client->secret.empty() ? "this client has no secret"
                                                                        : "a confidential client must authenticate (Basic or client_secret)");
    return std::nullopt;
}

std::optional<Outcome> check_scope(const ServiceState& state, const FormFields& fields) {
    const Client* client = state.find_client(fields.get("client_id").value_or(""));
    const auto scope = fields.get("scope");
    if (!client || client->scopes.empty() || !scope) return std::nullopt;
    const std::string refused = scopes_not_allowed(*scope, client->scopes);
    if (refused.empty()) return std::nullopt;
    return oauth_error(400, "invalid_scope", "client " + client->id + " may not ask for: " + refused);
}

} // namespace ringside::cloud
