#include "sim/cloud_client/issuer_cloud.hpp"

#include <httplib.h>

#include "sim/cloud_client/exchange_clients.hpp"

#include <map>

#include "firmware/core/json_reader.hpp"
#include "firmware/core/url.hpp"
#include "sim/board/url.hpp"
#include "cloud/oauth/form_codec.hpp"
#include "cloud/service/journal.hpp"

namespace ringside::cloud {
namespace {

using Clock = std::chrono::steady_clock;

// A string member of a flat JSON object, as the firmware would read it; empty when absent.
std::string json_string(const fw::JsonReader& json, std::string_view key) {
    fw::FixedString<512> value;
    return json.get_string(key, value) ? std::string(value.view()) : std::string();
}

// scheme://host:port/path: how a request and a metadata URL are matched.
std::string endpoint_key(std::string_view url) {
    const auto parsed = sim::parse_url(url);
    return parsed ? parsed->origin() + parsed->path : std::string();
}

// An OAuth error code is public (RFC 6749 §5.2); anything longer than one is not kept.
std::string oauth_error(const CloudResponse& response) {
    if (response.status < 400) return "";
    const std::string error = json_string(fw::JsonReader(response.body), "error");
    return error.size() <= 64 ? error : std::string();
}

} // namespace

const char* to_string(NoAnswer failure) {
    switch (failure) {
    case NoAnswer::None: return "none";
    case NoAnswer::ConnectionFailed: return "connection_failed";
    case NoAnswer::Timeout: return "timeout";
    case NoAnswer::TlsFailed: return "tls_failed";
    case NoAnswer::Broken: return "broken";
    }
    return "broken";
}

struct IssuerCloud::Impl {
    IssuerCloudOptions options;
    CloudConfig config;
    std::string issuer_origin;   // where requests without an origin (the page) go
    std::string metadata_key;    // the RFC 8414 URL of the issuer, as an endpoint key
    std::map<std::string, std::string> endpoints;  // endpoint key -> journal name, from the metadata
    std::optional<sim::ExchangeClients> clients;  // one per origin (made with the options)
    std::vector<JournalEntry> journal;
    std::string problem;

    httplib::Client& client(const std::string& origin) { return (*clients)[origin]; }

    std::string endpoint_name(const std::string& key, const std::string& path) const {
        if (key == metadata_key) return "metadata";
        if (const auto it = endpoints.find(key); it != endpoints.end()) return it->second;
        // Before discovery (or a path the metadata does not name): the mock cloud's names.
        return endpoint_for_path(path);
    }

    // A transport failure, told apart as far as httplib lets us: it reports a read that
    // timed out as a plain read error, so the elapsed time decides.
    NoAnswer failure(httplib::Error error, std::chrono::milliseconds elapsed) const {
        switch (error) {
        case httplib::Error::Connection:
        case httplib::Error::BindIPAddress: return NoAnswer::ConnectionFailed;
        case httplib::Error::ConnectionTimeout: return NoAnswer::Timeout;
        case httplib::Error::SSLConnection:
        case httplib::Error::SSLLoadingCerts:
        case httplib::Error::SSLServerVerification: return NoAnswer::TlsFailed;
        case httplib::Error::Read:
            return elapsed * 10 >= options.read_timeout * 9 ? NoAnswer::Timeout : NoAnswer::Broken;
        default: return NoAnswer::Broken;
        }
    }

    std::string unreachable(const std::string& origin, httplib::Error error, const std::string& failure) const {
        if (error == httplib::Error::SSLServerVerification)
            return "the certificate of " + origin + " is not trusted (" +
                   (options.ca_file.empty() ? std::string("not by the system's CA store; pass its CA with --ca FILE")
                                            : "not signed by " + options.ca_file) +
                   ") (" + failure + ")";
        return "the server at " + origin + " cannot be reached: " + httplib::to_string(error) + " (" + failure + ")";
    }

    // What the answer teaches: the endpoints (metadata), and whether anything stops the
    // sign-in.
    void learn(const std::string& endpoint, const std::string& origin, const CloudResponse& r, const std::string& error) {
        const fw::JsonReader json(r.body);
        if (endpoint == "metadata") {
            if (r.status != 200) {
                problem = "the issuer's metadata (" + origin + std::string(fw::kMetadataPath) + ") answered " +
                          std::to_string(r.status) + (error.empty() ? "" : " " + error);
                return;
            }
            if (!json.valid()) {
                problem = "the issuer's metadata (" + origin + std::string(fw::kMetadataPath) +
                          ") is not a JSON object (Content-Type: " + (r.content_type.empty() ? "none" : r.content_type) + ")";
                return;
            }
            const std::string device = json_string(json, "device_authorization_endpoint");
            const std::string token = json_string(json, "token_endpoint");
            if (device.empty() || token.empty()) {
                problem = std::string("the issuer's metadata names no ") +
                          (device.empty() ? "device_authorization_endpoint" : "token_endpoint") +
                          ": it does not offer the device authorization grant (RFC 8628)";
                return;
            }
            endpoints[endpoint_key(device)] = "device_authorization";
            endpoints[endpoint_key(token)] = "token";
            if (const std::string revoke = json_string(json, "revocation_endpoint"); !revoke.empty())
                endpoints[endpoint_key(revoke)] = "revoke";
            problem.clear();
            return;
        }
        if (endpoint == "device_authorization" && r.status == 200) {
            // Google's endpoint spells it verification_url, as the firmware knows.
            const bool named = !json_string(json, "verification_uri").empty() || !json_string(json, "verification_url").empty();
            problem = named ? "" : "the device authorization answer names no verification_uri";
            return;
        }
        // Waiting for the person is the grant working, not a problem.
        if (r.status / 100 == 2 || error == "authorization_pending" || error == "slow_down") {
            problem.clear();
            return;
        }
        if (endpoint == "device_authorization" || endpoint == "token")
            problem = "the " + endpoint + " endpoint answered " + std::to_string(r.status) +
                      (error.empty() ? "" : " " + error);
    }
};

IssuerCloud::IssuerCloud(IssuerCloudOptions options, const CloudConfig& config) : impl_(std::make_unique<Impl>()) {
    Impl& i = *impl_;
    const auto issuer = sim::parse_url(options.issuer);
    if (!issuer) throw std::invalid_argument("--issuer " + options.issuer + ": expected an absolute http:// or https:// URL");
    i.options = std::move(options);
    i.clients.emplace(i.options.connect_timeout, i.options.read_timeout, i.options.ca_file);
    i.config = config;
    i.issuer_origin = issuer->origin();
    fw::FixedString<512> metadata;
    if (!fw::metadata_url(i.options.issuer, metadata))
        throw std::invalid_argument("--issuer " + i.options.issuer + ": too long for the speaker");
    i.metadata_key = endpoint_key(metadata.view());
}

IssuerCloud::~IssuerCloud() = default;

CloudResponse IssuerCloud::handle(const CloudRequest& request, Millis now) {
    Impl& i = *impl_;
    const std::string origin = request.origin.empty() ? i.issuer_origin : request.origin;
    const std::string target = request.path + (request.query.empty() ? "" : "?" + request.query);
    httplib::Headers headers{{"Accept", "application/json"}};
    if (!request.authorization.empty()) headers.emplace("Authorization", request.authorization);

    httplib::Client& client = i.client(origin);
    const auto started = Clock::now();
    const httplib::Result r = request.method == "GET"
                                  ? client.Get(target.c_str(), headers)
                                  : client.Post(target.c_str(), headers, request.body, request.content_type.c_str());
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);

    JournalEntry entry;
    entry.at = now;
    entry.method = request.method;
    entry.path = request.path;
    entry.endpoint = i.endpoint_name(origin + request.path, request.path);
    if (request.method == "POST") {
        if (const auto form = parse_form(request.body)) {
            entry.grant_type = short_grant_type(form->get("grant_type").value_or(""));
            entry.client_id = form->get("client_id").value_or("");
        }
    }

    CloudResponse out;
    // The real round trip: the device hears the answer when it really came (at 1x).
    out.delay = elapsed;
    if (!r) {
        out.no_answer = i.failure(r.error(), elapsed);
        out.status = 0;
        out.content_type.clear();
        entry.error = to_string(out.no_answer);
        // A side request (the firmware's clock sync over plain http) failing after a real
        // endpoint failed says less than that failure did.
        if (entry.endpoint != "other" || i.problem.empty()) i.problem = i.unreachable(origin, r.error(), entry.error);
    } else {
        out.status = r->status;
        out.content_type = r->get_header_value("Content-Type");
        out.body = r->body;
        for (const auto& [name, value] : r->headers) out.headers.emplace_back(name, value);
        entry.error = oauth_error(out);
        i.learn(entry.endpoint, origin, out, entry.error);
    }
    entry.status = out.status;
    i.journal.push_back(std::move(entry));
    return out;
}

const std::string& IssuerCloud::problem() const { return impl_->problem; }

namespace {
[[noreturn]] void not_available(const char* what) {
    throw NotAvailableAgainstIssuer(std::string(what) +
                                    " is not available against an external issuer: only the mock cloud "
                                    "(in process or `ringside cloud`) can do it; sign in at the issuer's "
                                    "verification page instead");
}
} // namespace

ApprovalResult IssuerCloud::approve(std::string_view, std::string_view, Millis) { not_available("approving a code from the app"); }
ApprovalResult IssuerCloud::deny(std::string_view, Millis) { not_available("denying a code from the app"); }
ApprovalResult IssuerCloud::approve_after_polls(std::string_view, std::string_view, int, Millis) {
    not_available("approving a code after some polls");
}
int IssuerCloud::revoke_account(std::string_view, std::string_view) { not_available("revoking an account's grants"); }
void IssuerCloud::add_fault(Fault) { not_available("injecting a cloud fault"); }
std::optional<std::string> IssuerCloud::refresh_token_account(std::string_view) const {
    not_available("looking up whose account a refresh token acts for");
}
const std::vector<JournalEntry>& IssuerCloud::journal() const { return impl_->journal; }
const CloudConfig& IssuerCloud::config() const { return impl_->config; }
AccountVoiceState IssuerCloud::voice_state(const std::string&) const { not_available("reading the voice API's state"); }
int IssuerCloud::delete_recordings(const std::string&) { not_available("deleting voice recordings from the app"); }

} // namespace ringside::cloud
