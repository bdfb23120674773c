#pragma once
// The secrets of a capture and their stand-ins. Collected from every entry (not only the
// speaker's: a browser's cookies are secrets too): OAuth parameters and JSON/form members
// that carry credentials (device_code, user_code, tokens, passwords, client secrets, ...),
// Authorization and Cookie headers and any header whose name says token, secret, key, auth,
// session or cookie, query parameters of those names. Each becomes a generated stand-in
// ("stand-in-7") wherever the importer copies captured text (bodies), as written, JSON-escaped
// and form-encoded. Values under 4 bytes are not treated as secrets: they cannot be told
// from ordinary text (reports::PhraseFinder's limit too). Who may call: the importer.
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "importer/har/har_exchange.hpp"

namespace ringside::reports {
class PhraseFinder;
class Redaction;
}

namespace ringside::importer {

class CaptureSecrets {
public:
    CaptureSecrets();
    ~CaptureSecrets();

    void collect(const HarExchange& exchange);
    void add(const std::string& secret);

    // Whether `name` is a JSON member or parameter whose value is a credential.
    static bool is_secret_name(std::string_view name);

    // `text` with every secret (as written, JSON-escaped, form-encoded) replaced by its stand-in.
    // Linear in the text, whatever the number of secrets.
    std::string scrub(std::string text) const;
    // Whether any secret still occurs in `text`: the last check before anything is written.
    bool appears_in(std::string_view text) const;

    const std::set<std::string>& all() const { return secrets_; }

private:
    std::set<std::string> secrets_;
    std::map<std::string, std::string> stand_in_;  // each spelling of a secret -> its stand-in
    mutable std::unique_ptr<reports::Redaction> check_;     // built on first use
    mutable std::unique_ptr<reports::PhraseFinder> finder_;  // every spelling; built on first use
};

} // namespace ringside::importer
