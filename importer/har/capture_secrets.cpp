#include "importer/har/capture_secrets.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <vector>

#include "cloud/oauth/client_authentication.hpp"
#include "cloud/oauth/form_codec.hpp"
#include "reports/phrase_finder.hpp"
#include "reports/redaction.hpp"

namespace ringside::importer {
namespace {

constexpr std::size_t kMinSecretBytes = 4;

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

bool secret_header(std::string_view name) {
    const std::string n = lower(name);
    for (const char* word : {"auth", "cookie", "token", "secret", "key", "session", "password"})
        if (n.find(word) != std::string::npos) return true;
    return false;
}

// Each member of a JSON document whose name is a credential, at any depth.
void collect_json(const nlohmann::json& value, CaptureSecrets& secrets) {
    if (value.is_object()) {
        for (const auto& [name, member] : value.items()) {
            if (CaptureSecrets::is_secret_name(name) && member.is_string()) secrets.add(member.get<std::string>());
            else collect_json(member, secrets);
        }
    } else if (value.is_array()) {
        for (const auto& item : value) collect_json(item, secrets);
    }
}

void collect_form(std::string_view text, CaptureSecrets& secrets) {
    const auto form = cloud::parse_form(text);
    if (!form) return;
    for (const auto& [name, value] : form->pairs)
        if (CaptureSecrets::is_secret_name(name)) secrets.add(value);
}

void collect_body(const std::string& body, CaptureSecrets& secrets) {
    // Depth-limited like the HAR itself: a body nested past it is not walked (and is never
    // copied member by member, only scrubbed as text).
    bool deep = false;
    const nlohmann::json::parser_callback_t guard = [&deep](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
        if (depth > 64) deep = true;
        return !deep;
    };
    const auto doc = nlohmann::json::parse(body, guard, false);
    if (!doc.is_discarded() && !deep) collect_json(doc, secrets);
    else if (body.find('=') != std::string::npos) collect_form(body, secrets);
}

void collect_headers(const HeaderList& headers, CaptureSecrets& secrets) {
    for (const auto& [name, value] : headers) {
        if (!secret_header(name)) continue;
        secrets.add(value);
        const std::string n = lower(name);
        if (n == "authorization" || n == "proxy-authorization") {
            const auto space = value.find(' ');
            if (space != std::string::npos) secrets.add(value.substr(space + 1));
            if (cloud::uses_basic(value))
                if (auto basic = cloud::parse_basic(value)) secrets.add(basic->secret);
        }
        if (n == "cookie" || n == "set-cookie") {
            std::size_t at = 0;
            while (at < value.size()) {
                const auto end = std::min(value.find(';', at), value.size());
                const auto eq = value.find('=', at);
                if (eq < end) secrets.add(value.substr(eq + 1, end - eq - 1));
                at = end + 1;
                while (at < value.size() && value[at] == ' ') ++at;
            }
        }
    }
}

// The spellings a secret may have in copied text: as written, inside a JSON string (escapes,
// "\/" for "/"), form-encoded.
std::vector<std::string> spellings(const std::string& secret) {
    std::vector<std::string> out{secret};
    const std::string quoted = nlohmann::json(secret).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out.push_back(quoted.substr(1, quoted.size() - 2));
    std::string slashed;
    for (char c : out.back()) slashed += c == '/' ? std::string("\\/") : std::string(1, c);
    out.push_back(slashed);
    out.push_back(cloud::form_encode(secret));
    return out;
}

} // namespace

CaptureSecrets::CaptureSecrets() = default;
CaptureSecrets::~CaptureSecrets() = default;

bool CaptureSecrets::is_secret_name(std::string_view name) {
    static const std::set<std::string, std::less<>> kNames = {
        "device_code", "user_code", "code", "access_token", "refresh_token", "id_token", "token",
        "client_secret", "password", "code_verifier", "client_assertion", "assertion", "otp",
        "verification_uri_complete", "session", "secret"};
    return kNames.count(lower(name)) != 0;
}

void CaptureSecrets::add(const std::string& secret) {
    if (secret.size() < kMinSecretBytes || !secrets_.insert(secret).second) return;
    const std::string stand_in = "stand-in-" + std::to_string(secrets_.size());
    for (const std::string& s : spellings(secret)) stand_in_.emplace(s, stand_in);
    check_.reset();
    finder_.reset();
}

void CaptureSecrets::collect(const HarExchange& x) {
    collect_headers(x.request_headers, *this);
    collect_headers(x.response_headers, *this);
    collect_form(x.request_body, *this);
    collect_body(x.request_body, *this);
    collect_body(x.response_body, *this);
    const auto query = x.url.find('?');
    if (query != std::string::npos) collect_form(x.url.substr(query + 1, x.url.find('#', query) - query - 1), *this);
}

std::string CaptureSecrets::scrub(std::string text) const {
    // One pass over the text whatever the number of secrets (a long capture has thousands):
    // the spans PhraseFinder finds, each replaced by the stand-in of the spelling it covers
    // (overlapping secrets are covered by one span: the longest's stand-in, or a plain one).
    if (!finder_) {
        std::vector<std::string> phrases;
        for (const auto& entry : stand_in_) phrases.push_back(entry.first);
        finder_ = std::make_unique<reports::PhraseFinder>(phrases);
    }
    const auto spans = finder_->covered(text);
    if (spans.empty()) return text;
    std::string out;
    std::size_t at = 0;
    for (const auto& [begin, end] : spans) {
        out.append(text, at, begin - at);
        const auto it = stand_in_.find(text.substr(begin, end - begin));
        out += it != stand_in_.end() ? it->second : std::string("stand-in");
        at = end;
    }
    out.append(text, at, std::string::npos);
    return out;
}

bool CaptureSecrets::appears_in(std::string_view text) const {
    if (!check_) check_ = std::make_unique<reports::Redaction>(secrets_);
    return check_->finds_secret_in(text);
}

} // namespace ringside::importer
