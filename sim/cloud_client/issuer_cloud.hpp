#pragma once
// Any RFC 8414 + RFC 8628 authorization server, reached for real: the world's CloudAccess
// for `ringside demo --issuer URL` and `ringside signin`. handle() sends the speaker's
// request over HTTP(S) (cpp-httplib) to the origin it names and hands back the server's own
// answer — status, content type, body, every header (Date, Retry-After) — or, when no
// answer came, how the exchange failed (CloudResponse::no_answer: connection refused or
// unresolvable -> ConnectionFailed, connect or read timeout -> Timeout, TLS -> TlsFailed,
// anything else -> Broken).
//
// Real time: the server counts the wall clock, so its world must run at 1x on the wall
// clock (sim/pacing/wall_pacer.hpp). The exchange blocks the caller for its round trip,
// bounded by the timeouts below, and that round trip comes back as the answer's delay
// (CloudResponse::delay, wall milliseconds), so the device gets the answer at the virtual
// instant it really arrived. The world's own link latency should be zero: the real one is
// already counted.
//
// Only the server's public face exists: approve, deny, revoke_account, add_fault, voice
// and token lookups throw NotAvailableAgainstIssuer (a person signs in at the server's own
// verification page instead). journal() lists what was sent — method, path (no query),
// which discovered endpoint it was, grant type, client id, status, the OAuth error code or
// the transport failure — never a body, header value, token, code or password.
// Who may call: one world's thread.
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>

#include "cloud/service/cloud_access.hpp"

namespace ringside::cloud {

struct IssuerCloudOptions {
    std::string issuer;   // the URL the speaker is built with, e.g. https://auth.example.com
    std::string ca_file;  // PEM CA bundle to trust for https; empty: the system's store
    std::chrono::milliseconds connect_timeout{3'000};
    std::chrono::milliseconds read_timeout{10'000};  // also the write timeout
};

// A test-face action that only the mock cloud can do was asked of a real server.
struct NotAvailableAgainstIssuer : std::logic_error {
    using std::logic_error::logic_error;
};

// Journal error names for exchanges that got no answer (JournalEntry::error, status 0).
const char* to_string(NoAnswer failure);  // "connection_failed", "timeout", "tls_failed", "broken"

class IssuerCloud final : public CloudAccess {
public:
    // `config` is the world's (its issuer is options.issuer); config() hands it back.
    // Throws std::invalid_argument when options.issuer is not an absolute http(s) URL.
    IssuerCloud(IssuerCloudOptions options, const CloudConfig& config);
    ~IssuerCloud() override;

    CloudResponse handle(const CloudRequest& request, Millis now) override;

    // Why the sign-in cannot go on as far as the wire shows it, in one line for a person
    // (the metadata is not a JSON object, names no device_authorization_endpoint, the
    // server cannot be reached...); empty while nothing looks wrong. Never a secret.
    const std::string& problem() const;

    ApprovalResult approve(std::string_view user_code, std::string_view account_id, Millis now) override;
    ApprovalResult deny(std::string_view user_code, Millis now) override;
    ApprovalResult approve_after_polls(std::string_view user_code, std::string_view account_id, int polls,
                                       Millis now) override;
    int revoke_account(std::string_view account_id, std::string_view device_serial) override;
    void add_fault(Fault fault) override;
    std::optional<std::string> refresh_token_account(std::string_view token) const override;
    const std::vector<JournalEntry>& journal() const override;
    const CloudConfig& config() const override;
    AccountVoiceState voice_state(const std::string& account_id) const override;
    int delete_recordings(const std::string& account_id) override;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace ringside::cloud
