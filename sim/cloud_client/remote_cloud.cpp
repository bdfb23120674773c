#include "sim/cloud_client/remote_cloud.hpp"

#include <httplib.h>

#include <map>

#include "cloud/oauth/form_codec.hpp"
#include "cloud/service/service_state.hpp"
#include "cloud/service/virtual_time_headers.hpp"
#include "cloud/codec/cloud_config_json.hpp"
#include "cloud/codec/fault_form.hpp"
#include "cloud/codec/journal_json.hpp"
#include "cloud/codec/json_tree.hpp"

namespace ringside::cloud {
namespace {

constexpr const char* kForm = "application/x-www-form-urlencoded";

// A tenant answers at once (it never sleeps), so a long silence means the server is stuck.
constexpr int kReadTimeoutSeconds = 10;

std::unique_ptr<httplib::Client> connect(const RemoteCloudOptions& o) {
    auto client = std::make_unique<httplib::Client>(o.url);
    if (!client->is_valid()) throw CloudLost("--cloud " + o.url + ": not an http:// or https:// URL");
    client->set_keep_alive(true);
    client->set_tcp_nodelay(true);
    client->set_connection_timeout(5, 0);
    client->set_read_timeout(kReadTimeoutSeconds, 0);
    client->set_write_timeout(kReadTimeoutSeconds, 0);
    if (!o.ca_file.empty()) client->set_ca_cert_path(o.ca_file);
    return client;
}

std::string why_not(const RemoteCloudOptions& o, const httplib::Result& r) {
    if (r.error() == httplib::Error::SSLServerVerification)
        return "the cloud at " + o.url + " has a certificate this run does not trust" +
               (o.ca_file.empty() ? " (pass its CA with --cloud-ca FILE, from ringside cloud --tls --ca-out)"
                                  : " (not signed by " + o.ca_file + ")");
    if (r.error() == httplib::Error::SSLConnection)
        return "the TLS handshake with " + o.url + " failed (is it an https server?)";
    if (r.error() != httplib::Error::Success) return "the cloud at " + o.url + " cannot be reached: " + httplib::to_string(r.error());
    if (r->status == 401) return "the cloud at " + o.url + " refused the admin token (set RINGSIDE_CLOUD_TOKEN to what ringside cloud printed)";
    return "the cloud at " + o.url + " answered " + std::to_string(r->status) + ": " + r->body;
}

httplib::Headers admin_headers(const RemoteCloudOptions& o) { return {{"Authorization", "Bearer " + o.admin_token}}; }

Millis header_millis(const httplib::Response& r, const char* name) {
    return r.has_header(name) ? Millis(std::strtoll(r.get_header_value(name).c_str(), nullptr, 10)) : Millis(0);
}

} // namespace

struct RemoteCloud::Impl {
    RemoteCloudOptions options;
    CloudConfig effective;
    std::unique_ptr<httplib::Client> client;
    std::string base;  // /tenants/<id>
    std::optional<Millis> clock;  // where the tenant's clock was last set

    mutable std::vector<JournalEntry> journal;
    mutable bool journal_stale = false;
    mutable std::map<std::string, AccountVoiceState> voice_cache;

    // Something may have changed on the cloud: the next read asks again.
    void touched() {
        journal_stale = true;
        voice_cache.clear();
    }

    httplib::Result admin_post(const std::string& what, const std::string& form) const {
        return client->Post((base + "/admin/" + what).c_str(), admin_headers(options), form, kForm);
    }
    httplib::Result admin_get(const std::string& what) const {
        return client->Get((base + "/admin/" + what).c_str(), admin_headers(options));
    }
    // An admin answer that must be 2xx (or one of `also`): anything else means the run is lost.
    const httplib::Response& expect(const httplib::Result& r, std::initializer_list<int> also = {}) const {
        if (r && r->status / 100 == 2) return *r;
        if (r)
            for (int s : also)
                if (r->status == s) return *r;
        throw CloudLost(why_not(options, r));
    }

    void move_clock(Millis now) {
        if (clock && *clock == now) return;
        expect(admin_post("clock", "set_ms=" + std::to_string(now.count())));
        clock = now;
    }

    // The admin API answers an approval's result by name, 409 when it was refused.
    ApprovalResult approval(const httplib::Result& r) const {
        const std::string result = field(expect(r, {409}).body, "result");
        for (ApprovalResult a : {ApprovalResult::Approved, ApprovalResult::Denied, ApprovalResult::UnknownCode,
                                 ApprovalResult::ExpiredCode, ApprovalResult::UnknownAccount, ApprovalResult::AlreadyUsed,
                                 ApprovalResult::Scheduled, ApprovalResult::Restricted})
            if (result == to_string(a)) return a;
        throw CloudLost("the cloud at " + options.url + " answered an unknown approval result: " + result);
    }

    std::string field(const std::string& json, const char* key) const {
        std::string why;
        const YAML::Node root = parse_json(json, why);
        if (!why.empty() || !root[key].IsScalar()) throw CloudLost("the cloud at " + options.url + " answered without " + key + ": " + json);
        return root[key].as<std::string>();
    }
};

void RemoteCloud::check(const RemoteCloudOptions& options) {
    auto client = connect(options);
    const auto r = client->Get("/admin/clock", admin_headers(options));
    if (!r || r->status != 200) throw CloudLost(why_not(options, r));
}

RemoteCloud::RemoteCloud(const RemoteCloudOptions& options, const CloudConfig& config) : impl_(std::make_unique<Impl>()) {
    Impl& i = *impl_;
    i.options = options;
    i.effective = effective_config(config);
    i.client = connect(options);
    const auto r = i.client->Post("/admin/tenants", admin_headers(options), encode_cloud_config(config), "application/json");
    i.base = i.field(i.expect(r).body, "base");
}

RemoteCloud::~RemoteCloud() {
    Impl& i = *impl_;
    if (!i.base.empty()) i.client->Delete(("/admin/tenants/" + i.base.substr(i.base.rfind('/') + 1)).c_str(), admin_headers(i.options));
}

std::string RemoteCloud::tenant_url() const {
    std::string url = impl_->options.url;
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url + impl_->base;
}

CloudResponse RemoteCloud::handle(const CloudRequest& request, Millis now) {
    Impl& i = *impl_;
    i.move_clock(now);
    i.touched();
    const std::string target = i.base + request.path + (request.query.empty() ? "" : "?" + request.query);
    httplib::Headers headers;
    if (!request.authorization.empty()) headers.emplace("Authorization", request.authorization);
    const httplib::Result r = request.method == "GET"
                                  ? i.client->Get(target.c_str(), headers)
                                  : i.client->Post(target.c_str(), headers, request.body, request.content_type.c_str());
    if (!r) {
        // A tenant states its faults in headers and never breaks an exchange for real, so
        // any failure here is the server's: the run is lost.
        throw CloudLost(why_not(i.options, r));
    }
    CloudResponse out;
    out.status = r->status;
    out.content_type = r->get_header_value("Content-Type");
    out.body = r->body;
    for (const auto& [name, value] : r->headers) out.headers.emplace_back(name, value);
    out.delay = header_millis(*r, kVirtualDelayHeader);
    out.dribble = header_millis(*r, kVirtualDribbleHeader);
    out.dropped = r->has_header(kVirtualDropHeader);
    if (r->has_header(kVirtualBreakHeader)) {
        const auto kind = parse_break(r->get_header_value(kVirtualBreakHeader));
        if (!kind) throw CloudLost("the cloud at " + i.options.url + " named a transport break this run does not know: " +
                                   r->get_header_value(kVirtualBreakHeader));
        out.broken = *kind;
    }
    return out;
}

ApprovalResult RemoteCloud::approve(std::string_view user_code, std::string_view account_id, Millis now) {
    Impl& i = *impl_;
    i.move_clock(now);
    i.touched();
    const auto r = i.admin_post("approve", form_encode({{"user_code", std::string(user_code)}, {"account", std::string(account_id)}}));
    return i.approval(r);
}

ApprovalResult RemoteCloud::approve_after_polls(std::string_view user_code, std::string_view account_id, int polls,
                                               Millis now) {
    Impl& i = *impl_;
    i.move_clock(now);
    i.touched();
    const auto r = i.admin_post("approve", form_encode({{"user_code", std::string(user_code)},
                                                        {"account", std::string(account_id)},
                                                        {"after_polls", std::to_string(polls)}}));
    return i.approval(r);
}

ApprovalResult RemoteCloud::deny(std::string_view user_code, Millis now) {
    Impl& i = *impl_;
    i.move_clock(now);
    i.touched();
    const auto r = i.admin_post("deny", form_encode({{"user_code", std::string(user_code)}}));
    return i.approval(r);
}

int RemoteCloud::revoke_account(std::string_view account_id, std::string_view device_serial) {
    Impl& i = *impl_;
    i.touched();
    const auto r = i.admin_post("revoke", form_encode({{"account", std::string(account_id)},
                                                       {"device_serial", std::string(device_serial)}}));
    return std::stoi(i.field(i.expect(r).body, "revoked_grants"));
}

void RemoteCloud::add_fault(Fault fault) {
    Impl& i = *impl_;
    i.expect(i.admin_post("faults", encode_fault(fault)));
}

std::optional<std::string> RemoteCloud::refresh_token_account(std::string_view token) const {
    const Impl& i = *impl_;
    const auto r = i.admin_post("token_owner", form_encode({{"refresh_token", std::string(token)}}));
    const httplib::Response& ok = i.expect(r, {404});
    if (ok.status == 404) return std::nullopt;
    return i.field(ok.body, "account");
}

const std::vector<JournalEntry>& RemoteCloud::journal() const {
    const Impl& i = *impl_;
    if (!i.journal_stale) return i.journal;
    const auto r = i.admin_get("journal?from=" + std::to_string(i.journal.size()));
    std::string why;
    auto entries = decode_journal(i.expect(r).body, why);
    if (!entries) throw CloudLost("the cloud at " + i.options.url + " answered a journal this run cannot read: " + why);
    // The server's journal is a ring (--journal-size): entries this run never read may be gone,
    // and expectations counted without them would pass or fail wrongly.
    if (journal_dropped(i.expect(r).body) > i.journal.size())
        throw CloudLost("the cloud at " + i.options.url + " dropped journal entries this run had not read yet; start it with a larger --journal-size");
    i.journal.insert(i.journal.end(), entries->begin(), entries->end());
    i.journal_stale = false;
    return i.journal;
}

const CloudConfig& RemoteCloud::config() const { return impl_->effective; }

AccountVoiceState RemoteCloud::voice_state(const std::string& account_id) const {
    const Impl& i = *impl_;
    if (const auto it = i.voice_cache.find(account_id); it != i.voice_cache.end()) return it->second;
    const auto r = i.admin_get("voice?" + form_encode({{"account", account_id}}));
    std::string why;
    auto state = decode_voice_state(i.expect(r).body, why);
    if (!state) throw CloudLost("the cloud at " + i.options.url + " answered a voice state this run cannot read: " + why);
    return i.voice_cache[account_id] = *state;
}

int RemoteCloud::delete_recordings(const std::string& account_id) {
    Impl& i = *impl_;
    i.touched();
    const auto r = i.admin_post("recordings/delete", form_encode({{"account", account_id}}));
    return std::stoi(i.field(i.expect(r).body, "deleted"));
}

} // namespace ringside::cloud
