#include "cloud/server/admin_api.hpp"

#include <algorithm>
#include <cstdlib>

#include "cloud/oauth/form_codec.hpp"
#include "cloud/service/json_writer.hpp"
#include "cloud/codec/cloud_config_json.hpp"
#include "cloud/codec/journal_json.hpp"
#include "cloud/codec/fault_form.hpp"

namespace ringside::cloud {
namespace {

CloudResponse json(int status, std::string body) {
    CloudResponse r;
    r.status = status;
    r.body = std::move(body);
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

CloudResponse error(int status, std::string_view code, std::string_view description) {
    return json(status, JsonObjectWriter().string("error", code).string("error_description", description).finish());
}

// `from` and the answer's indices number requests from the cloud's start (or last reset),
// so a client that fetches only what is new keeps its place after old entries are dropped;
// `dropped` says how many are gone (a client that still needed them must say so), while
// `total` and `counts` (per endpoint and status) count every request ever answered.
std::string journal_json(const RequestJournal& journal, const FormFields& query) {
    const auto endpoint = query.get("endpoint");
    const auto client = query.get("client_id");
    const long long since = form_number(query, "since_ms").value_or(0);
    const std::uint64_t from = static_cast<std::uint64_t>(std::max(form_number(query, "from").value_or(0), 0LL));
    std::vector<std::string> entries;
    for (std::uint64_t i = std::max(from, journal.first()); i < journal.total(); ++i) {
        const JournalEntry& e = journal.at(i);
        if ((endpoint && e.endpoint != *endpoint) || (client && e.client_id != *client) || e.at.count() < since) continue;
        entries.push_back(encode_journal_entry(e));
    }
    std::vector<std::string> counts;
    for (const auto& [key, requests] : journal.counts())
        counts.push_back(JsonObjectWriter()
                             .string("endpoint", key.first)
                             .number("status", key.second)
                             .number("requests", static_cast<std::int64_t>(requests))
                             .finish());
    return JsonObjectWriter()
        .number("count", static_cast<std::int64_t>(entries.size()))
        .number("total", static_cast<std::int64_t>(journal.total()))
        .number("dropped", static_cast<std::int64_t>(journal.dropped()))
        .number("capacity", static_cast<std::int64_t>(journal.capacity()))
        .json("counts", json_array(counts))
        .json("entries", json_array(entries))
        .finish();
}

// POST /admin/tenants (a JSON cloud configuration) and DELETE /admin/tenants/<id>.
CloudResponse handle_tenants(Tenants& tenants, const CloudRequest& request, const std::string& what) {
    if (what == "tenants" && request.method == "POST") {
        std::string why;
        auto config = decode_cloud_config(request.body, why);
        if (!config) return error(400, "invalid_request", "a tenant needs a cloud configuration: " + why);
        const std::string id = tenants.create(std::move(*config));
        return json(201, JsonObjectWriter().string("tenant", id).string("base", std::string(kTenantPrefix) + id).finish());
    }
    const std::string id = what.substr(std::string("tenants/").size());
    if (request.method != "DELETE" || id.empty()) return error(405, "invalid_request", "tenants: POST to make one, DELETE /admin/tenants/<id> to close it");
    if (!tenants.close(id)) return error(404, "not_found", "no such tenant: " + id);
    return json(200, JsonObjectWriter().boolean("closed", true).finish());
}

// POST /admin/accounts/restrict (account, restricted=true|false) and
// POST /admin/accounts/voice_code (account, voice_code: 4 digits, or empty to turn voice
// purchasing off). The answer never repeats the voice code.
CloudResponse change_account(CloudHost& host, const std::string& what, const FormFields& f) {
    const auto account = f.get("account");
    if (!account) return error(400, "invalid_request", what + " needs account");
    bool known = false;
    JsonObjectWriter answer;
    answer.string("account", *account);
    if (what == "accounts/restrict") {
        const std::string value = f.get("restricted").value_or("");
        if (value != "true" && value != "false")
            return error(400, "invalid_request", "accounts/restrict needs restricted=true or restricted=false");
        host.with_service([&](CloudService& s, Millis) { known = s.set_restricted(*account, value == "true"); });
        answer.boolean("restricted", value == "true");
    } else {
        // Present but empty (voice_code=) turns purchasing off, so presence is counted: an
        // empty form value otherwise reads as absent.
        if (f.count("voice_code") != 1)
            return error(400, "invalid_request", "accounts/voice_code needs voice_code once (4 digits, or empty for off)");
        const std::string code = f.get("voice_code").value_or("");
        if (!valid_voice_code_setting(code))
            return error(400, "invalid_request", "voice_code must be 4 digits, or empty to turn voice purchasing off");
        host.with_service([&](CloudService& s, Millis) { known = s.set_voice_code(*account, code); });
        answer.boolean("voice_purchasing", !code.empty());
    }
    if (!known) return error(404, "not_found", "no such account: " + *account);
    return json(200, answer.finish());
}

} // namespace

CloudResponse handle_admin(CloudHost& host, Tenants* tenants, const CloudRequest& request) {
    const std::string what = request.path.substr(kAdminPrefix.size());
    if (what == "tenants" || what.rfind("tenants/", 0) == 0) {
        if (!tenants) return error(404, "not_found", "a tenant cannot make tenants");
        return handle_tenants(*tenants, request, what);
    }
    const bool get = request.method == "GET";
    const auto fields = parse_form(get ? request.query : request.body);
    if (!fields) return error(400, "invalid_request", "the body or query is not valid form encoding");
    const FormFields& f = *fields;
    if (!get && request.method != "POST") return error(405, "invalid_request", "the admin API takes GET and POST (and DELETE for a tenant)");

    if (what == "journal" && get) {
        std::string body;
        host.with_service([&](CloudService& s, Millis) { body = journal_json(s.requests(), f); });
        return json(200, body);
    }
    if (what == "clock") {
        Millis now = host.now();
        if (!get) {
            if (auto at = form_number(f, "set_ms")) now = host.set_clock(Millis(*at));
            else if (auto by = form_number(f, "advance_ms")) now = host.advance_clock(Millis(*by));
            else return error(400, "invalid_request", "clock takes set_ms or advance_ms");
        }
        return json(200, JsonObjectWriter().number("now_ms", now.count()).finish());
    }
    if (what == "voice" && get) {
        const auto account = f.get("account");
        if (!account) return error(400, "invalid_request", "voice needs account");
        AccountVoiceState state;
        host.with_service([&](CloudService& s, Millis) { state = s.voice_state(*account); });
        return json(200, encode_voice_state(state));
    }
    if (get) return error(404, "not_found", "no such admin resource: " + what);

    if (what == "reset") {
        const auto seed = form_number(f, "seed");
        host.reset(seed ? std::optional<std::uint64_t>(static_cast<std::uint64_t>(*seed)) : std::nullopt);
        return json(200, JsonObjectWriter().boolean("reset", true).finish());
    }
    if (what == "faults") {
        std::string why;
        auto fault = read_fault(f, why);
        if (!fault) return error(400, "invalid_request", why);
        host.with_service([&](CloudService& s, Millis) { s.add_fault(*fault); });
        return json(201, JsonObjectWriter().string("endpoint", fault->endpoint).finish());
    }
    if (what == "accounts") {
        const auto id = f.get("id");
        const auto password = f.get("password");
        if (!id || !password) return error(400, "invalid_request", "an account needs id and password");
        bool created = false;
        host.with_service([&](CloudService& s, Millis) { created = s.add_account({*id, f.get("email").value_or(""), *password}); });
        if (!created) return error(409, "account_exists", "an account with that id or email exists");
        return json(201, JsonObjectWriter().string("id", *id).finish());
    }
    if (what == "accounts/restrict" || what == "accounts/voice_code") return change_account(host, what, f);
    if (what == "revoke") {
        const auto account = f.get("account");
        if (!account) return error(400, "invalid_request", "revoke needs account");
        int revoked = 0;
        const std::string serial = f.get("device_serial").value_or("");
        host.with_service([&](CloudService& s, Millis) { revoked = s.revoke_account(*account, serial); });
        return json(200, JsonObjectWriter().number("revoked_grants", revoked).finish());
    }
    if (what == "recordings/delete") {
        const auto account = f.get("account");
        if (!account) return error(400, "invalid_request", "recordings/delete needs account");
        int deleted = 0;
        host.with_service([&](CloudService& s, Millis) { deleted = s.delete_recordings(*account); });
        return json(200, JsonObjectWriter().number("deleted", deleted).finish());
    }
    if (what == "token_owner") {
        // POST, so the token travels in the body and never in a URL that could be logged.
        const auto token = f.get("refresh_token");
        if (!token) return error(400, "invalid_request", "token_owner needs refresh_token");
        std::optional<std::string> account;
        host.with_service([&](CloudService& s, Millis) { account = s.refresh_token_account(*token); });
        if (!account) return error(404, "not_found", "not a live refresh token");
        return json(200, JsonObjectWriter().string("account", *account).finish());
    }
    if (what == "approve" || what == "deny") {
        const auto code = f.get("user_code");
        const auto account = f.get("account");
        if (!code || (what == "approve" && !account)) return error(400, "invalid_request", what + " needs user_code" + (what == "approve" ? " and account" : ""));
        // after_polls: the user approves once the code has been polled that many more times.
        const auto after_polls = form_number(f, "after_polls");
        if (f.get("after_polls") && (!after_polls || *after_polls < 0 || *after_polls > 10000 || what != "approve"))
            return error(400, "invalid_request", "after_polls goes with approve, a whole number from 0 to 10000");
        ApprovalResult result{};
        host.with_service([&](CloudService& s, Millis now) {
            result = what == "deny"   ? s.deny(*code, now)
                     : after_polls    ? s.approve_after_polls(*code, *account, static_cast<int>(*after_polls), now)
                                      : s.approve(*code, *account, now);
        });
        const bool ok = result == ApprovalResult::Approved || result == ApprovalResult::Denied ||
                        result == ApprovalResult::Scheduled;
        return json(ok ? 200 : 409, JsonObjectWriter().string("result", to_string(result)).finish());
    }
    return error(404, "not_found", "no such admin resource: " + what);
}

} // namespace ringside::cloud
