#include "importer/har/answer_plan.hpp"

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "cloud/service/http_date.hpp"
#include "importer/har/one_line.hpp"

namespace ringside::importer {
namespace {

// ordered_json: members keep the capture's order, so `set` writes them in that order.
using json = nlohmann::ordered_json;

constexpr std::int64_t kDateSkewNoticedS = 60;  // Date has 1 s resolution; capture clocks drift
// Longer Retry-Afters are written as a day: past any a firmware honours (ours caps at an hour),
// and within what a scenario reads.
constexpr std::int64_t kMaxRetryAfterS = 86'400;

// The members of the cloud's own successful answers (cloud/oauth/*_endpoint.cpp,
// lwa_endpoints.cpp): those the capture lacks are omitted.
const std::vector<std::string>& own_members(const std::string& endpoint) {
    static const std::vector<std::string> code_pair = {"device_code", "user_code", "verification_uri",
                                                       "verification_uri_complete", "expires_in", "interval"};
    static const std::vector<std::string> tokens = {"access_token", "token_type", "expires_in", "refresh_token", "scope"};
    static const std::vector<std::string> none;
    return endpoint == "device_authorization" ? code_pair : endpoint == "token" ? tokens : none;
}

std::string quoted(const std::string& text) {
    return json(text).dump(-1, ' ', false, json::error_handler_t::replace);
}

// A JSON value as YAML flow text: scalars as JSON writes them (a JSON string is a YAML
// double-quoted scalar, which `set` reads as a string), arrays and objects in flow style.
std::string flow(const json& value) {
    if (value.is_array()) {
        std::string out;
        for (const auto& item : value) out += (out.empty() ? "" : ", ") + flow(item);
        return "[" + out + "]";
    }
    if (value.is_object()) {
        std::string out;
        for (const auto& [name, member] : value.items()) out += (out.empty() ? "" : ", ") + quoted(name) + ": " + flow(member);
        return "{ " + out + " }";
    }
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool is_json_mime(const std::string& mime) { return mime.find("json") != std::string::npos; }

// The captured body as a JSON object, or null.
json json_object(const HarExchange& x) {
    if (!is_json_mime(x.response_mime)) return nullptr;
    bool deep = false;
    const json::parser_callback_t guard = [&deep](int depth, json::parse_event_t, json&) {
        if (depth > 64) deep = true;
        return !deep;
    };
    json doc = json::parse(x.response_body, guard, false);
    return !deep && doc.is_object() ? doc : json(nullptr);
}

// A success the cloud gives itself, so its own codes and tokens can stand in.
bool cloud_can_answer(const HarExchange& x, const ExchangeKind& kind, const json& body) {
    if (x.status != 200) return false;
    if (kind.endpoint == "metadata") return body.is_object();
    if (kind.endpoint == "revoke") return x.response_body.empty() || body.is_object();
    if (kind.endpoint == "device_authorization") return body.contains("device_code") || body.contains("user_code");
    return body.contains("access_token") || body.contains("refresh_token");
}

std::optional<std::int64_t> retry_after_s(const HarExchange& x) {
    const std::string value = header_value(x.response_headers, "Retry-After");
    if (value.empty()) return std::nullopt;
    if (value.find_first_not_of("0123456789") == std::string::npos)
        return value.size() <= 9 ? std::min<std::int64_t>(std::stoll(value), kMaxRetryAfterS) : kMaxRetryAfterS;
    const auto until = cloud::parse_http_date(value);
    if (!until) return std::nullopt;
    const auto date = cloud::parse_http_date(header_value(x.response_headers, "Date"));
    const std::int64_t now_s = date ? *date : x.started_unix_ms / 1000;
    return *until > now_s ? std::min(*until - now_s, kMaxRetryAfterS) : 0;
}

std::optional<std::int64_t> date_skew_s(const HarExchange& x) {
    const auto date = cloud::parse_http_date(header_value(x.response_headers, "Date"));
    if (!date) return std::nullopt;
    const std::int64_t answered_ms = x.started_unix_ms + std::max<std::int64_t>(x.wait_ms, 0);
    const std::int64_t skew_s = (*date * 1000 - answered_ms) / 1000;
    return std::llabs(skew_s) >= kDateSkewNoticedS ? std::optional<std::int64_t>(skew_s) : std::nullopt;
}

void shape_like_capture(PlannedFault& f, const ExchangeKind& kind, const json& body, const CaptureSecrets& secrets) {
    if (kind.endpoint != "device_authorization" && kind.endpoint != "token") return;
    for (const std::string& member : own_members(kind.endpoint))
        if (!body.contains(member)) f.omit.push_back(member);
    const auto& own = own_members(kind.endpoint);
    for (const auto& [name, value] : body.items()) {
        const bool credential = CaptureSecrets::is_secret_name(name) && !value.is_null() && !value.is_boolean();
        // A credential the cloud issues keeps the cloud's own value, which works for the rest
        // of the run (a null or boolean in its place is a malformed answer worth keeping and
        // no secret); one it does not issue (an id_token) gets a stand-in.
        if (credential && std::find(own.begin(), own.end(), name) != own.end()) continue;
        std::string text = secrets.scrub(flow(value));
        if (credential && text == flow(value)) text = quoted("stand-in");  // too short to be scrubbed
        f.set.emplace_back(secrets.scrub(name), text);
    }
}

} // namespace

bool approves(const HarExchange& x, const ExchangeKind& kind) {
    return kind.endpoint == "token" && kind.grant == "device_code" && x.status == 200;
}

PlannedFault plan_answer(const HarExchange& x, const ExchangeKind& kind, int after, const CaptureSecrets& secrets,
                         std::int64_t capture_start_ms) {
    PlannedFault f;
    f.kind = kind;
    f.after = after;
    f.entry = x.entry;
    f.what = secrets.scrub(one_line(x.method + " " + url_path(x.url) + " " + std::to_string(x.status)));
    f.at_ms = x.started_unix_ms - capture_start_ms;
    f.delay_ms = std::max<std::int64_t>(x.wait_ms, 0);
    f.date_skew_s = date_skew_s(x);

    const json body = json_object(x);
    if (cloud_can_answer(x, kind, body)) {
        shape_like_capture(f, kind, body, secrets);
        return f;
    }
    // No answer (0), or a status no HTTP server sends (the cloud answers 100-599): a broken exchange.
    if (x.status < 100 || x.status > 599) {
        f.reset = true;
        return f;
    }
    f.status = x.status;
    f.raw_body = secrets.scrub(x.response_body);
    if (!x.response_mime.empty()) f.content_type = secrets.scrub(one_line(x.response_mime));
    f.retry_after_s = retry_after_s(x);
    return f;
}

} // namespace ringside::importer
